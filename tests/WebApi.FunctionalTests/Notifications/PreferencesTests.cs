using System.Net;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Notifications;

/// <summary>Notification preferences over HTTP: every type with its effective values; PUT changes only the types given.</summary>
public sealed class PreferencesTests(ApiFactory factory) : ApiTestBase(factory)
{
    private const string Path = "/api/v1/users/me/notification-preferences";

    [Fact]
    public async Task Defaults_AreEveryTypeInTheInbox_AndEmailOnlyForWhatNeedsAttention()
    {
        var ada = await SignUpAsync();

        var preferences = (await (await ada.Client.GetAsync(Path)).ReadAsync<NotificationPreferencesDto>()).Preferences;

        Assert.Equal(Enum.GetValues<EventType>().Where(type => type != EventType.TaskCreated), preferences.Select(preference => preference.Type));
        Assert.All(preferences, preference => Assert.True(preference.InApp && preference.IsDefault, $"{preference.Type}"));
        Assert.Equal([EventType.TaskFailed, EventType.TaskAssigned, EventType.TaskOverdue, EventType.DailySummary], preferences.Where(preference => preference.Email).Select(preference => preference.Type));
    }

    [Fact]
    public async Task Put_ChangesTheTypesGiven_KeepsTheOthers_AndIsOnlyTheCallers()
    {
        var ada = await SignUpAsync();
        var bo = await SignUpAsync();

        var answered = await PutOkAsync(ada, new { type = "taskAssigned", inApp = false, email = true }, new { type = "dailySummary", inApp = false, email = false });
        var changedAgain = await PutOkAsync(ada, new { type = "taskAssigned", inApp = true, email = true });

        Assert.Equal((false, true, false), Of(answered, EventType.TaskAssigned));
        Assert.Equal((true, true, false), Of(changedAgain, EventType.TaskAssigned));
        var stored = await (await ada.Client.GetAsync(Path)).ReadAsync<NotificationPreferencesDto>();
        Assert.Equal((true, true, false), Of(stored, EventType.TaskAssigned));
        Assert.Equal((false, false, false), Of(stored, EventType.DailySummary));
        Assert.Equal((true, false, true), Of(stored, EventType.TaskTaken));
        Assert.Equal((true, true, true), Of(await (await bo.Client.GetAsync(Path)).ReadAsync<NotificationPreferencesDto>(), EventType.TaskAssigned));
    }

    [Fact]
    public async Task AnUnknownType_IsA400()
    {
        var ada = await SignUpAsync();

        var problem = await Problem.AssertAsync(await ada.Client.PutAsync(Path, Json.Body(new { preferences = new[] { new { type = "taskExploded", inApp = true, email = true } } })), HttpStatusCode.BadRequest, "malformed_request");

        Assert.Contains("preferences[0].type", problem.Errors.Keys);
    }

    [Theory]
    [InlineData("""{"preferences":[{"type":"taskCreated","inApp":true,"email":true}]}""", "preferences[0].type")]
    [InlineData("""{"preferences":[{"type":"taskTaken","inApp":true}]}""", "preferences[0].email")]
    [InlineData("""{"preferences":[{"type":"taskTaken","inApp":true,"email":true},{"type":"taskTaken","inApp":false,"email":false}]}""", "preferences")]
    [InlineData("""{}""", "preferences")]
    public async Task AnInvalidChange_IsA400_AndChangesNothing(string body, string field)
    {
        var ada = await SignUpAsync();
        await PutOkAsync(ada, new { type = "taskTaken", inApp = false, email = true });

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var problem = await Problem.AssertAsync(await ada.Client.PutAsync(Path, content), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains(field, problem.Errors.Keys);
        Assert.Equal((false, true, false), Of(await (await ada.Client.GetAsync(Path)).ReadAsync<NotificationPreferencesDto>(), EventType.TaskTaken));
    }

    private static async Task<NotificationPreferencesDto> PutOkAsync(TestUser user, params object[] changes)
    {
        var response = await user.Client.PutAsync(Path, Json.Body(new { preferences = changes }));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<NotificationPreferencesDto>();
    }

    private static (bool InApp, bool Email, bool IsDefault) Of(NotificationPreferencesDto preferences, EventType type)
    {
        var preference = preferences.Preferences.Single(candidate => candidate.Type == type);
        return (preference.InApp, preference.Email, preference.IsDefault);
    }
}
