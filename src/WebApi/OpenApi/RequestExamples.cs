using TaskOrchestration.Application.Notifications.Commands.UpdateNotificationPreferences;
using TaskOrchestration.Application.Tasks.Commands.CreateTask;
using TaskOrchestration.Application.Teams.Commands.CreateTeam;
using TaskOrchestration.Application.Users.Commands.ChangePassword;
using TaskOrchestration.Application.Users.Commands.IssueToken;
using TaskOrchestration.Application.Users.Commands.RefreshSession;
using TaskOrchestration.Application.Users.Commands.RegisterUser;
using TaskOrchestration.Application.Users.Commands.UpdateProfile;
using TaskOrchestration.Application.Webhooks.Commands.CreateWebhook;
using TaskOrchestration.WebApi.Endpoints;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>
/// The example body Swagger UI fills in for each request type. Each one succeeds when sent as is, in the order a
/// newcomer walks the API (register Ada, sign her in, create a draft, publish it, ...): the functional test
/// RequestExampleTests sends every one of them. The only exception is the refresh token, which no example can know.
/// </summary>
internal static class RequestExamples
{
    /// <summary>The password of the example account, also what the change-password example changes it from.</summary>
    public const string ExamplePassword = "correct horse battery staple";

    private static readonly Dictionary<Type, string> ExamplesByType = new()
    {
        [typeof(RegisterUserCommand)] = $$"""{"email": "ada@example.com", "password": "{{ExamplePassword}}", "displayName": "Ada Lovelace"}""",
        [typeof(IssueTokenCommand)] = $$"""{"email": "ada@example.com", "password": "{{ExamplePassword}}"}""",
        [typeof(RefreshSessionCommand)] = """{"refreshToken": "the refreshToken that POST /api/v1/auth/token answered"}""",
        [typeof(UpdateProfileCommand)] = """{"displayName": "Ada King"}""",
        [typeof(ChangePasswordCommand)] = $$"""{"currentPassword": "{{ExamplePassword}}", "newPassword": "a longer passphrase, 2026"}""",
        [typeof(ChangeUserRoleRequest)] = """{"role": "manager"}""",
        [typeof(CreateTaskCommand)] = """{"title": "Write the release notes", "description": "What changed since 1.4, for the blog.", "priority": "high", "draft": true}""",
        [typeof(UpdateTaskRequest)] = """{"title": "Write the 1.5 release notes", "priority": "critical"}""",
        [typeof(SetAssigneesRequest)] = """{"userIds": []}""",
        [typeof(SetTagsRequest)] = """{"tags": ["docs", "release"]}""",
        [typeof(CompleteTaskRequest)] = """{"result": "Published on the blog."}""",
        [typeof(FailTaskRequest)] = """{"reason": "The build it describes was withdrawn."}""",
        [typeof(CancelTaskRequest)] = """{"reason": "Covered by the 1.5 announcement."}""",
        [typeof(CreateTeamCommand)] = """{"name": "Documentation"}""",
        [typeof(CommentRequest)] = """{"body": "Draft is in the shared folder."}""",
        [typeof(UpdateNotificationPreferencesCommand)] = """{"preferences": [{"type": "taskCommented", "inApp": true, "email": false}]}""",
        [typeof(CreateWebhookCommand)] = """{"url": "https://hooks.example.com/taskorchestration", "eventTypes": ["taskCreated", "taskCompleted"], "description": "The release dashboard"}""",
        [typeof(UpdateWebhookRequest)] = """{"eventTypes": ["taskCreated", "taskCompleted", "taskFailed"]}""",
        [typeof(RotateWebhookSecretRequest)] = """{"keepPrevious": true}""",
    };

    /// <summary>The request types that have an example.</summary>
    public static IEnumerable<Type> Types => ExamplesByType.Keys;

    /// <summary>The example for <paramref name="requestType"/> as JSON text, or null when it has none.</summary>
    public static string? For(Type requestType) => ExamplesByType.GetValueOrDefault(requestType);
}
