using TaskOrchestration.Infrastructure.Engine.Handlers;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Engine;

/// <summary>Where <c>http.webhook</c> may post: an entry's scheme, host and port, and its path or below.</summary>
public sealed class WebhookAllowListTests
{
    [Theory]
    [InlineData("https://hooks.example.com", "https://hooks.example.com/anything")]
    [InlineData("https://hooks.example.com/", "https://hooks.example.com/")]
    [InlineData("https://hooks.example.com/in", "https://hooks.example.com/in")]
    [InlineData("https://hooks.example.com/in", "https://hooks.example.com/in/orders?id=1")]
    [InlineData("https://hooks.example.com/in/", "https://hooks.example.com/in/orders")]
    [InlineData("https://HOOKS.example.com/in", "https://hooks.example.com:443/in")]
    [InlineData("http://10.0.0.5:8080/", "http://10.0.0.5:8080/jobs")]
    public void AUrlWithTheEntrysOrigin_OnItsPathOrBelow_IsAllowed(string entry, string url) =>
        Assert.True(WebhookAllowList.Allows([entry], new Uri(url)));

    [Theory]
    [InlineData("https://hooks.example.com", "https://hooks.example.com.evil.example/")]
    [InlineData("https://hooks.example.com", "http://hooks.example.com/")]
    [InlineData("https://hooks.example.com", "https://hooks.example.com:8443/")]
    [InlineData("https://hooks.example.com", "https://evil.example/?https://hooks.example.com")]
    [InlineData("https://hooks.example.com", "https://hooks.example.com@evil.example/")]
    [InlineData("https://hooks.example.com/in", "https://hooks.example.com/inbox")]
    [InlineData("https://hooks.example.com/in", "https://hooks.example.com/in/../admin")]
    [InlineData("https://hooks.example.com/in", "https://hooks.example.com/")]
    [InlineData("https://hooks.example.com/In", "https://hooks.example.com/in")]
    public void AnyOtherUrl_IsNot(string entry, string url) =>
        Assert.False(WebhookAllowList.Allows([entry], new Uri(url)));

    [Fact]
    public void NoEntries_AllowNothing() =>
        Assert.False(WebhookAllowList.Allows([], new Uri("https://hooks.example.com/")));

    [Theory]
    [InlineData("https://hooks.example.com", true)]
    [InlineData("http://127.0.0.1:9000/in", true)]
    [InlineData("hooks.example.com", false)]
    [InlineData("/hooks", false)]
    [InlineData("ftp://hooks.example.com/", false)]
    [InlineData("https://user:pass@hooks.example.com/", false)]
    [InlineData("https://hooks.example.com/?token=1", false)]
    public void AnEntry_IsAnAbsoluteHttpUrl_WithoutUserInfoQueryOrFragment(string entry, bool valid) =>
        Assert.Equal(valid, WebhookAllowList.IsValidEntry(entry));
}
