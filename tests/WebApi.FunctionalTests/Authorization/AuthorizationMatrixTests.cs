using System.Net;
using System.Text.Json;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;
using static System.Net.HttpStatusCode;

namespace TaskOrchestration.WebApi.FunctionalTests.Authorization;

/// <summary>
/// Who may call what: every operation of the OpenAPI document, called by every kind of caller, with the status each
/// must get. A new endpoint without a row here fails <see cref="EveryDocumentedOperation_HasARow"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(ApiFactory factory) : ApiTestBase(factory)
{
    /// <summary>
    /// The expected status for: the member who owns the resource, a member of the same team, a member outside the
    /// team, a manager, an admin. Task scenarios use a task of the member's team, so outsiders cannot even see it.
    /// </summary>
    private sealed record Expected(HttpStatusCode Member, HttpStatusCode TeamMember, HttpStatusCode Outsider, HttpStatusCode Manager, HttpStatusCode Admin);

    /// <summary>A call to make: its path and body, prepared for one caller on fresh resources of the <c>member</c>.</summary>
    private delegate Task<(string Path, object? Body)> Scenario(Personas people);

    private static readonly Expected Everyone200 = new(OK, OK, OK, OK, OK);
    private static readonly Expected Everyone204 = new(NoContent, NoContent, NoContent, NoContent, NoContent);
    private static readonly Expected TeamVisible = new(OK, OK, NotFound, OK, OK);
    private static readonly Expected CreatorOrManager = new(OK, Forbidden, NotFound, OK, OK);
    private static readonly Expected OwnerOnly = new(OK, Forbidden, NotFound, Forbidden, Forbidden);
    private static readonly Expected AdminOnly = new(Forbidden, Forbidden, Forbidden, Forbidden, OK);
    private static readonly Expected ManagerOrAdmin = new(Forbidden, Forbidden, Forbidden, OK, OK);
    private static readonly string[] WebhookEventTypes = ["taskCreated"];

    private static readonly Dictionary<string, (Expected Expected, Scenario Scenario)> Matrix = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/tasks"] = (new(Created, Created, BadRequest, Created, Created), people => Call("/api/v1/tasks", new { title = "New", teamId = people.TeamId })),
        ["GET /api/v1/tasks"] = (Everyone200, _ => Call("/api/v1/tasks")),
        ["GET /api/v1/tasks/{id}"] = (TeamVisible, async people => ($"/api/v1/tasks/{await TeamTaskAsync(people)}", null)),
        ["PATCH /api/v1/tasks/{id}"] = (CreatorOrManager, async people => ($"/api/v1/tasks/{await TeamTaskAsync(people)}", new { title = "Renamed" })),
        ["POST /api/v1/tasks/{id}/publish"] = (CreatorOrManager, async people => ($"/api/v1/tasks/{await TeamTaskAsync(people, draft: true)}/publish", null)),
        ["POST /api/v1/tasks/{id}/take"] = (TeamVisible, async people => ($"/api/v1/tasks/{await TeamTaskAsync(people)}/take", null)),
        ["POST /api/v1/tasks/{id}/complete"] = (OwnerOnly, async people => ($"/api/v1/tasks/{await RunningTaskAsync(people)}/complete", new { result = "Done" })),
        ["POST /api/v1/tasks/{id}/fail"] = (OwnerOnly, async people => ($"/api/v1/tasks/{await RunningTaskAsync(people)}/fail", new { reason = "Broken" })),
        ["POST /api/v1/tasks/{id}/release"] = (OwnerOnly, async people => ($"/api/v1/tasks/{await RunningTaskAsync(people)}/release", null)),
        ["POST /api/v1/tasks/{id}/retry"] = (CreatorOrManager, async people => ($"/api/v1/tasks/{await FailedTaskAsync(people)}/retry", null)),
        ["PUT /api/v1/tasks/{id}/assignees"] = (ManagerOrAdmin, async people => ($"/api/v1/tasks/{await TeamTaskAsync(people)}/assignees", new { userIds = new[] { people.TeamMember.Id } })),
        ["PUT /api/v1/tasks/{id}/assignees/{userId}"] = (ManagerOrAdmin, async people => ($"/api/v1/tasks/{await TeamTaskAsync(people)}/assignees/{people.TeamMember.Id}", null)),
        ["DELETE /api/v1/tasks/{id}/assignees/{userId}"] = (ManagerOrAdmin, async people => ($"/api/v1/tasks/{await TeamTaskAsync(people)}/assignees/{people.TeamMember.Id}", null)),
        ["PUT /api/v1/tasks/{id}/tags"] = (CreatorOrManager, async people => ($"/api/v1/tasks/{await TeamTaskAsync(people)}/tags", new { tags = new[] { "urgent" } })),
        ["GET /api/v1/tags"] = (Everyone200, _ => Call("/api/v1/tags")),
        ["GET /api/v1/tasks/{id}/comments"] = (TeamVisible, async people => ($"/api/v1/tasks/{await TeamTaskAsync(people)}/comments", null)),
        ["POST /api/v1/tasks/{id}/comments"] = (new(Created, Created, NotFound, Created, Created), async people => ($"/api/v1/tasks/{await TeamTaskAsync(people)}/comments", new { body = "Looks good" })),
        ["PATCH /api/v1/tasks/{id}/comments/{commentId}"] = (OwnerOnly, async people => (await CommentPathAsync(people), new { body = "Edited" })),
        ["DELETE /api/v1/tasks/{id}/comments/{commentId}"] = (new(NoContent, Forbidden, NotFound, NoContent, NoContent), async people => (await CommentPathAsync(people), null)),
        ["DELETE /api/v1/tasks/{id}"] = (new(NoContent, Forbidden, NotFound, NoContent, NoContent), async people => ($"/api/v1/tasks/{await TeamTaskAsync(people)}", null)),
        ["POST /api/v1/tasks/{id}/unarchive"] = (CreatorOrManager, async people => ($"/api/v1/tasks/{await ArchivedTaskAsync(people)}/unarchive", null)),
        ["GET /api/v1/tasks/{id}/history"] = (TeamVisible, async people => ($"/api/v1/tasks/{await TeamTaskAsync(people)}/history", null)),
        ["POST /api/v1/tasks/{id}/cancel"] = (CreatorOrManager, async people => ($"/api/v1/tasks/{await TeamTaskAsync(people)}/cancel", null)),
        ["GET /api/v1/users/me"] = (Everyone200, _ => Call("/api/v1/users/me")),
        ["PATCH /api/v1/users/me"] = (Everyone200, _ => Call("/api/v1/users/me", new { displayName = "Renamed" })),
        ["POST /api/v1/users/me/password"] = (Everyone204, _ => Call("/api/v1/users/me/password", new { currentPassword = Password, newPassword = "another-long-password" })),
        ["GET /api/v1/users"] = (AdminOnly, _ => Call("/api/v1/users")),
        ["GET /api/v1/people"] = (Everyone200, _ => Call("/api/v1/people")),
        ["GET /api/v1/lifecycle"] = (Everyone200, _ => Call("/api/v1/lifecycle")),
        ["PUT /api/v1/users/{id}/role"] = (AdminOnly, async people => ($"/api/v1/users/{(await people.NewMemberAsync()).Id}/role", new { role = "manager" })),
        ["POST /api/v1/users/{id}/deactivate"] = (AdminOnly, async people => ($"/api/v1/users/{(await people.NewMemberAsync()).Id}/deactivate", null)),
        ["POST /api/v1/users/{id}/reactivate"] = (AdminOnly, async people => ($"/api/v1/users/{(await people.NewMemberAsync()).Id}/reactivate", null)),
        ["POST /api/v1/auth/logout"] = (Everyone204, _ => Call("/api/v1/auth/logout")),
        ["POST /api/v1/auth/logout-all"] = (Everyone204, _ => Call("/api/v1/auth/logout-all")),
        ["POST /api/v1/teams"] = (new(Forbidden, Forbidden, Forbidden, Created, Created), _ => Call("/api/v1/teams", new { name = $"Team {Guid.NewGuid():N}" })),
        ["GET /api/v1/teams"] = (Everyone200, _ => Call("/api/v1/teams")),
        ["GET /api/v1/teams/{id}"] = (TeamVisible, people => Call($"/api/v1/teams/{people.TeamId}")),
        ["PUT /api/v1/teams/{id}/members/{userId}"] = (ManagerOrAdmin, async people => ($"/api/v1/teams/{people.TeamId}/members/{(await people.NewMemberAsync()).Id}", null)),
        ["GET /api/v1/workers"] = (ManagerOrAdmin, _ => Call("/api/v1/workers")),
        ["GET /api/v1/queues"] = (ManagerOrAdmin, _ => Call("/api/v1/queues")),
        ["POST /api/v1/queues/{kind}/pause"] = (AdminOnly, _ => Call("/api/v1/queues/system.noop/pause")),
        ["POST /api/v1/queues/{kind}/resume"] = (AdminOnly, _ => Call("/api/v1/queues/system.noop/resume")),
        ["GET /api/v1/events/parked"] = (AdminOnly, _ => Call("/api/v1/events/parked")),
        ["GET /api/v1/schedules"] = (ManagerOrAdmin, _ => Call("/api/v1/schedules")),
        // No event is parked: an admin passes authorization and learns that (404); nobody else gets that far.
        ["POST /api/v1/events/{id}/replay"] = (new(Forbidden, Forbidden, Forbidden, Forbidden, NotFound), _ => Call($"/api/v1/events/{Guid.NewGuid()}/replay")),
        ["GET /api/v1/notifications"] = (Everyone200, _ => Call("/api/v1/notifications")),
        // Everyone has an inbox of their own: another person's notification does not exist for them.
        ["POST /api/v1/notifications/{id}/read"] = (new(NoContent, NotFound, NotFound, NotFound, NotFound), async people => ($"/api/v1/notifications/{await people.NotificationOfMemberAsync()}/read", null)),
        ["POST /api/v1/notifications/read-all"] = (Everyone200, _ => Call("/api/v1/notifications/read-all")),
        ["GET /api/v1/users/me/notification-preferences"] = (Everyone200, _ => Call("/api/v1/users/me/notification-preferences")),
        ["PUT /api/v1/users/me/notification-preferences"] = (Everyone200, _ => Call("/api/v1/users/me/notification-preferences", new { preferences = new[] { new { type = "taskTaken", inApp = false, email = true } } })),
        ["DELETE /api/v1/teams/{id}/members/{userId}"] = (ManagerOrAdmin, async people => ($"/api/v1/teams/{people.TeamId}/members/{(await people.NewTeamMemberAsync()).Id}", null)),
        ["POST /api/v1/webhooks"] = (new(Forbidden, Forbidden, Forbidden, Forbidden, Created), _ => Call("/api/v1/webhooks", new { url = "https://203.0.113.10/hooks", eventTypes = WebhookEventTypes })),
        ["GET /api/v1/webhooks"] = (AdminOnly, _ => Call("/api/v1/webhooks")),
        ["GET /api/v1/webhooks/{id}"] = (AdminOnly, async people => ($"/api/v1/webhooks/{await WebhookAsync(people)}", null)),
        ["PATCH /api/v1/webhooks/{id}"] = (AdminOnly, async people => ($"/api/v1/webhooks/{await WebhookAsync(people)}", new { description = "Renamed" })),
        ["DELETE /api/v1/webhooks/{id}"] = (new(Forbidden, Forbidden, Forbidden, Forbidden, NoContent), async people => ($"/api/v1/webhooks/{await WebhookAsync(people)}", null)),
        ["POST /api/v1/webhooks/{id}/rotate-secret"] = (AdminOnly, async people => ($"/api/v1/webhooks/{await WebhookAsync(people)}/rotate-secret", null)),
        ["GET /api/v1/webhooks/{id}/deliveries"] = (AdminOnly, async people => ($"/api/v1/webhooks/{await WebhookAsync(people)}/deliveries", null)),
    };

    /// <summary>Endpoints anyone may call (they authenticate by their body, and are rate-limited instead).</summary>
    private static readonly HashSet<string> AnonymousOperations = new(StringComparer.Ordinal)
    {
        "POST /api/v1/auth/register",
        "POST /api/v1/auth/token",
        "POST /api/v1/auth/refresh",
    };

    public static TheoryData<string> Operations => new(Matrix.Keys);

    [Fact]
    public async Task EveryDocumentedOperation_HasARow()
    {
        using var client = Anonymous();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;

        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => $"{operation.Name.ToUpperInvariant()} {path.Name}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(documented, Matrix.Keys.Concat(AnonymousOperations).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Operation_AnswersEachKindOfCallerAsExpected(string operation)
    {
        var (expected, scenario) = Matrix[operation];
        var method = new HttpMethod(operation[..operation.IndexOf(' ', StringComparison.Ordinal)]);
        var people = await Personas.CreateAsync(this);

        var callers = new (string Name, TestUser? Caller, HttpStatusCode Status)[]
        {
            ("anonymous", null, Unauthorized),
            ("deactivated", people.Deactivated, Unauthorized),
            ("member", people.Member, expected.Member),
            ("team member", people.TeamMember, expected.TeamMember),
            ("member outside the team", people.Outsider, expected.Outsider),
            ("manager", people.Manager, expected.Manager),
            ("admin", people.Admin, expected.Admin),
        };

        foreach (var (name, caller, status) in callers)
        {
            var (path, body) = await scenario(people with { Caller = caller });
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json.Body(body) };
            using var anonymous = Anonymous();
            var response = await (caller?.Client ?? anonymous).SendAsync(request);

            Assert.True(response.StatusCode == status, $"{operation} as {name}: expected {(int)status}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static Task<(string Path, object? Body)> Call(string path, object? body = null) => Task.FromResult((path, body));

    /// <summary>A notification in <paramref name="recipientId"/>'s inbox, written as the notifications consumer writes one.</summary>
    private async Task<Guid> AddNotificationAsync(Guid recipientId)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var insert = new Npgsql.NpgsqlCommand(
            "INSERT INTO notifications (id, recipient_id, type, title, created_at) VALUES (@id, @recipient, 'taskAssigned', 'Someone assigned you to \"A task\"', now())", connection);
        insert.Parameters.AddWithValue("id", id);
        insert.Parameters.AddWithValue("recipient", recipientId);
        await insert.ExecuteNonQueryAsync();
        return id;
    }

    private static async Task<Guid> TeamTaskAsync(Personas people, bool draft = false)
    {
        var response = await people.Member.Client.PostAsync("/api/v1/tasks", Json.Body(new { title = "Team task", draft, teamId = people.TeamId }));
        Assert.Equal(Created, response.StatusCode);
        return (await response.ReadAsync<Application.Tasks.TaskDto>()).Id;
    }

    /// <summary>A task of the member's team that is running, owned by the member (so only the member may finish it).</summary>
    private static async Task<Guid> RunningTaskAsync(Personas people)
    {
        var id = await TeamTaskAsync(people);
        await FireOkAsync(people.Member, id, "take");
        return id;
    }

    /// <summary>A comment written by the member on a task of their team.</summary>
    private static async Task<string> CommentPathAsync(Personas people)
    {
        var taskId = await TeamTaskAsync(people);
        var response = await people.Member.Client.PostAsync($"/api/v1/tasks/{taskId}/comments", Json.Body(new { body = "First" }));
        Assert.Equal(Created, response.StatusCode);
        return $"/api/v1/tasks/{taskId}/comments/{(await response.ReadAsync<Application.Comments.CommentDto>()).Id}";
    }

    private static async Task<Guid> ArchivedTaskAsync(Personas people)
    {
        var id = await TeamTaskAsync(people);
        Assert.Equal(NoContent, (await people.Member.Client.DeleteAsync($"/api/v1/tasks/{id}")).StatusCode);
        return id;
    }

    /// <summary>A webhook an admin registered (whoever calls next).</summary>
    private static async Task<Guid> WebhookAsync(Personas people)
    {
        var response = await people.Admin.Client.PostAsync("/api/v1/webhooks", Json.Body(new { url = "https://203.0.113.10/hooks", eventTypes = WebhookEventTypes }));
        Assert.Equal(Created, response.StatusCode);
        return (await response.ReadAsync<Application.Webhooks.WebhookWithSecretDto>()).Id;
    }

    private static async Task<Guid> FailedTaskAsync(Personas people)
    {
        var id = await RunningTaskAsync(people);
        await FireOkAsync(people.Member, id, "fail", new { reason = "Broken" });
        return id;
    }

    /// <summary>The kinds of caller, signed in once per test; the member and the team member share a team.</summary>
    private sealed record Personas(
        TestUser Member,
        TestUser TeamMember,
        TestUser Outsider,
        TestUser Manager,
        TestUser Admin,
        TestUser Deactivated,
        Guid TeamId,
        Func<Task<TestUser>> NewMemberAsync,
        Func<Task<TestUser>> NewTeamMemberAsync,
        Func<Task<Guid>> NotificationOfMemberAsync,
        TestUser? Caller = null)
    {
        public static async Task<Personas> CreateAsync(AuthorizationMatrixTests test)
        {
            var admin = await test.SignUpAsync("admin");
            var deactivated = await test.SignUpAsync();
            Assert.Equal(OK, (await admin.Client.PostAsync($"/api/v1/users/{deactivated.Id}/deactivate", null)).StatusCode);

            var member = await test.SignUpAsync();
            var teamMember = await test.SignUpAsync();
            var team = await (await admin.Client.PostAsync("/api/v1/teams", Json.Body(new { name = "Matrix" }))).ReadAsync<Application.Teams.TeamDto>();
            async Task<TestUser> AddToTeamAsync(TestUser user)
            {
                Assert.Equal(OK, (await admin.Client.PutAsync($"/api/v1/teams/{team.Id}/members/{user.Id}", null)).StatusCode);
                return user;
            }

            await AddToTeamAsync(member);
            await AddToTeamAsync(teamMember);
            return new Personas(
                member,
                teamMember,
                await test.SignUpAsync(),
                await test.SignUpAsync("manager"),
                admin,
                deactivated,
                team.Id,
                () => test.SignUpAsync(),
                async () => await AddToTeamAsync(await test.SignUpAsync()),
                () => test.AddNotificationAsync(member.Id));
        }
    }
}
