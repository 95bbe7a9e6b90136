using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Domain.UnitTests;

public sealed class WebhookSubscriptionTests
{
    private const string Url = "https://hooks.example.com/taskorch";

    public static readonly TheoryData<string?> InvalidUrls = new()
    {
        null,
        "",
        "   ",
        "/relative/path",
        "hooks.example.com/no-scheme",
        "ftp://hooks.example.com/",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "https://user:secret@hooks.example.com/",
        "https://user@hooks.example.com/",
        "https://hooks.example.com/" + new string('a', WebhookSubscription.UrlMaxLength),
    };

    [Fact]
    public void Create_KeepsItsSettings_WithDistinctEventTypesInOrder_AndAWhsecSecret()
    {
        var secret = WebhookSecret.Generate();

        var subscription = WebhookSubscription.Create($"  {Url} ", [EventType.TaskCompleted, EventType.TaskCreated, EventType.TaskCompleted], "  CI  ", active: true, secret, People.Admin, Clock.Now);

        Assert.Equal((Url, "CI", true, People.Admin.UserId, Clock.Now), (subscription.Url, subscription.Description, subscription.IsActive, subscription.CreatedBy, subscription.CreatedAt));
        Assert.Equal([EventType.TaskCreated, EventType.TaskCompleted], subscription.EventTypes);
        Assert.Equal(secret.Value, subscription.Secret);
        Assert.StartsWith("whsec_", secret.Value, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret.Value["whsec_".Length..]).Length);
        Assert.Equal(secret.Key(), Convert.FromBase64String(secret.Value["whsec_".Length..]));
    }

    [Fact]
    public void TwoSecrets_AreNeverTheSame() => Assert.NotEqual(WebhookSecret.Generate().Value, WebhookSecret.Generate().Value);

    [Theory]
    [MemberData(nameof(InvalidUrls))]
    public void Create_RefusesAUrlThatIsNotAbsoluteHttpWithoutUserInfo(string? url)
    {
        var error = Assert.Throws<DomainException>(() => WebhookSubscription.Create(url!, [EventType.TaskCreated], null, true, WebhookSecret.Generate(), People.Admin, Clock.Now)).Error;

        Assert.Equal(("invalid_webhook_url", ErrorKind.Validation), (error.Code, error.Kind));
    }

    [Theory]
    [InlineData(new EventType[0])]
    [InlineData(new[] { EventType.DailySummary })]
    [InlineData(new[] { EventType.TaskCreated, EventType.DailySummary })]
    [InlineData(new[] { (EventType)999 })]
    public void Create_RefusesNoEventTypes_AndWhatIsNotAnEvent(EventType[] eventTypes)
    {
        var error = Assert.Throws<DomainException>(() => WebhookSubscription.Create(Url, eventTypes, null, true, WebhookSecret.Generate(), People.Admin, Clock.Now)).Error;

        Assert.Equal("invalid_event_types", error.Code);
    }

    [Fact]
    public void Create_RefusesADescriptionTooLong()
    {
        var error = Assert.Throws<DomainException>(() => WebhookSubscription.Create(Url, [EventType.TaskCreated], new string('d', 501), true, WebhookSecret.Generate(), People.Admin, Clock.Now)).Error;

        Assert.Equal("invalid_webhook_description", error.Code);
    }

    [Fact]
    public void Wants_OnlyItsTypes_AndOnlyWhileActive()
    {
        var subscription = WebhookSubscription.Create(Url, [EventType.TaskCreated], null, true, WebhookSecret.Generate(), People.Admin, Clock.Now);

        Assert.True(subscription.Wants(EventType.TaskCreated));
        Assert.False(subscription.Wants(EventType.TaskCompleted));
        subscription.Change(null, null, null, active: false, Clock.Later);
        Assert.False(subscription.Wants(EventType.TaskCreated));
    }

    [Fact]
    public void Change_AppliesWhatIsGiven_AndKeepsTheRest()
    {
        var subscription = WebhookSubscription.Create(Url, [EventType.TaskCreated], "CI", true, WebhookSecret.Generate(), People.Admin, Clock.Now);

        subscription.Change("http://hooks.example.org/new", [EventType.TaskFailed], description: null, active: null, Clock.Later);

        Assert.Equal(("http://hooks.example.org/new", "CI", true, Clock.Later), (subscription.Url, subscription.Description, subscription.IsActive, subscription.UpdatedAt));
        Assert.Equal([EventType.TaskFailed], subscription.EventTypes);

        subscription.Change(null, null, description: "", active: null, Clock.Later);
        Assert.Null(subscription.Description);
    }

    [Fact]
    public void ARefusedChange_LeavesEverythingAsItWas()
    {
        var subscription = WebhookSubscription.Create(Url, [EventType.TaskCreated], "CI", true, WebhookSecret.Generate(), People.Admin, Clock.Now);

        Assert.Throws<DomainException>(() => subscription.Change("https://hooks.example.org/new", [EventType.DailySummary], "Other", false, Clock.Later));

        Assert.Equal((Url, "CI", true, Clock.Now), (subscription.Url, subscription.Description, subscription.IsActive, subscription.UpdatedAt));
        Assert.Equal([EventType.TaskCreated], subscription.EventTypes);
    }

    [Fact]
    public void RotateSecret_KeepingThePrevious_SignsWithBothForADay_ThenWithTheNewOnly()
    {
        var first = WebhookSecret.Generate();
        var second = WebhookSecret.Generate();
        var subscription = WebhookSubscription.Create(Url, [EventType.TaskCreated], null, true, first, People.Admin, Clock.Now);

        subscription.RotateSecret(second, keepPrevious: true, Clock.Now);

        Assert.Equal((second.Value, first.Value, Clock.Now.AddHours(24)), (subscription.Secret, subscription.PreviousSecret, subscription.PreviousSecretExpiresAt));
        Assert.Equal([second, first], subscription.SigningSecrets(Clock.Now.AddHours(23)));
        Assert.Equal([second], subscription.SigningSecrets(Clock.Now.AddHours(24)));
    }

    [Fact]
    public void RotateSecret_WithoutKeepingThePrevious_DropsItAtOnce()
    {
        var second = WebhookSecret.Generate();
        var subscription = WebhookSubscription.Create(Url, [EventType.TaskCreated], null, true, WebhookSecret.Generate(), People.Admin, Clock.Now);
        subscription.RotateSecret(WebhookSecret.Generate(), keepPrevious: true, Clock.Now);

        subscription.RotateSecret(second, keepPrevious: false, Clock.Later);

        Assert.Equal((second.Value, (string?)null, (DateTimeOffset?)null), (subscription.Secret, subscription.PreviousSecret, subscription.PreviousSecretExpiresAt));
        Assert.Equal([second], subscription.SigningSecrets(Clock.Later));
    }

    [Theory]
    [InlineData("secret")]
    [InlineData("whsec_")]
    [InlineData("whsec_not-base64!")]
    [InlineData("whsec_AAAA")]
    [InlineData("whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRY=")]
    [InlineData("whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void AStoredSecret_ThatIsNotWhsecAnd24To64Bytes_IsRefused(string value) =>
        Assert.Throws<ArgumentException>(() => WebhookSecret.From(value));
}
