using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>What a request starts from: ids of things that exist, valid values the schema cannot give, the caller's token.</summary>
internal sealed record RequestSetup(
    IReadOnlyDictionary<string, string> PathValues,
    IReadOnlyDictionary<string, string> IdsOfAnotherKind,
    ValueHints Hints,
    string? CallerToken);

/// <summary>
/// The callers and the real resources the fuzzing works on, made through the real endpoints (a parked event and a
/// notification, which only the worker role makes, are written as the outbox and its consumer write them).
/// The fuzzing changes what it touches, so each operation gets its own targets, in the state it needs (a running
/// task of the caller's to complete, an archived one to restore), and new ones after a change succeeded.
/// </summary>
internal sealed class FuzzWorld
{
    private const string WebhookUrl = "https://203.0.113.10/hooks";

    private readonly ApiFactory _factory;
    private readonly HttpClient _client;
    private readonly Func<string, Task<TestUser>> _signUp;
    private readonly Random _random;
    private readonly Dictionary<(string Operation, string Caller), IReadOnlyDictionary<string, string>> _targets = [];
    private Guid _teamId;
    private Guid _sampleTaskId;
    private TestUser? _signInTarget;
    private TestUser? _sessionTarget;
    private int _unique;

    private FuzzWorld(ApiFactory factory, Func<string, Task<TestUser>> signUp, Random random)
    {
        _factory = factory;
        _client = factory.CreateClient();
        _signUp = signUp;
        _random = random;
    }

    public FuzzCaller Admin { get; } = new("admin", "admin");

    public FuzzCaller Member { get; } = new("member", "member");

    public FuzzCaller Anonymous { get; } = new("anonymous", null);

    public IReadOnlyList<FuzzCaller> Callers => [Admin, Member, Anonymous];

    public BadTokens BadTokens { get; private set; } = new(string.Empty, string.Empty, string.Empty);

    /// <summary>Requests the world sent to build and rebuild its fixtures (not counted as fuzzing).</summary>
    public int FixtureRequests { get; private set; }

    /// <summary>
    /// Operations after whose success the caller is replaced: a new password changes what it signs in with. Logging
    /// out (here or everywhere) ends the caller's refresh tokens, not the access token it sends, so it goes on; were
    /// that ever to change, the caller's next request would be refused and <see cref="AfterAnswerAsync"/> replace it.
    /// </summary>
    private static readonly HashSet<string> SpendTheCaller = new(StringComparer.Ordinal)
    {
        "POST /api/v1/users/me/password",
    };

    /// <summary>
    /// Changes that leave their target fit for the same operation again (an edit, not a move through the
    /// lifecycle): they keep it after a success. Every other change gets new targets, which is always safe.
    /// </summary>
    private static readonly HashSet<string> KeepTheirTargets = new(StringComparer.Ordinal)
    {
        "PATCH /api/v1/tasks/{id}",
        "PUT /api/v1/tasks/{id}/tags",
        "PUT /api/v1/tasks/{id}/assignees",
        "PATCH /api/v1/tasks/{id}/comments/{commentId}",
        "PUT /api/v1/users/{id}/role",
        "PATCH /api/v1/webhooks/{id}",
        "POST /api/v1/webhooks/{id}/rotate-secret",
        "POST /api/v1/notifications/{id}/read",
        "POST /api/v1/queues/{kind}/pause",
        "POST /api/v1/queues/{kind}/resume",
    };

    public static async Task<FuzzWorld> CreateAsync(ApiFactory factory, Func<string, Task<TestUser>> signUp, Random random)
    {
        var world = new FuzzWorld(factory, signUp, random);
        world.Admin.SignedInAs(await world.SignUpAsync("admin"), renewal: false);
        world.Member.SignedInAs(await world.SignUpAsync("member"), renewal: false);
        world._teamId = (await world.SendOkAsync(world.Admin, HttpMethod.Post, "/api/v1/teams", new { name = world.UniqueName("Fuzz team") })).GetProperty("id").GetGuid();
        await world.JoinTeamAsync(world.Admin);
        await world.JoinTeamAsync(world.Member);
        world._sampleTaskId = await world.TaskAsync(world.Admin, TaskState.Pending);
        // Sign-in is fuzzed with wrong passwords, which lock the account: it gets accounts of its own.
        world._signInTarget = await world.SignUpAsync("member");
        world._sessionTarget = await world.SignUpAsync("member");
        world.BadTokens = new BadTokens(
            Tokens.Forge(world.Admin.Id, Tokens.TheApisKey(factory), expires: DateTime.UtcNow.AddMinutes(-5), role: "admin"),
            Tokens.Forge(world.Admin.Id, Tokens.AnotherKey(), role: "admin"),
            UnsignedToken(world.Admin.Id));
        return world;
    }

    /// <summary>Why the fuzzing cannot give <paramref name="operation"/> an existing value for each path parameter, or null when it can.</summary>
    public static string? WhyNoTargets(ApiOperation operation) =>
        operation.In("path").Select(parameter => RuleFor(operation, parameter.Name) is null
            ? $"{operation.Key}: no rule in FuzzWorld.PathRules names an existing {{{parameter.Name}}}"
            : null).FirstOrDefault(reason => reason is not null);

    public async Task<RequestSetup> SetupAsync(ApiOperation operation, FuzzCaller caller)
    {
        var key = (operation.Key, caller.Name);
        if (!_targets.TryGetValue(key, out var pathValues))
        {
            var owner = caller.User is null ? Admin : caller;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var parameter in operation.In("path"))
            {
                var rule = RuleFor(operation, parameter.Name) ?? throw new InvalidOperationException(WhyNoTargets(operation));
                values[parameter.Name] = await rule.Existing(this, operation, owner, values);
            }

            pathValues = values;
            _targets[key] = pathValues;
        }

        // A user id where something else is named, a task id where a user is.
        var anotherKind = operation.In("path").ToDictionary(
            parameter => parameter.Name,
            parameter => (RuleFor(operation, parameter.Name)?.NamesAUser == true ? _sampleTaskId : Admin.Id).ToString(),
            StringComparer.Ordinal);
        return new RequestSetup(pathValues, anotherKind, await HintsAsync(operation, caller.User is null ? Admin : caller), caller.Token);
    }

    /// <summary>A change that succeeded may have moved its targets out of the state the operation needs, or spent the caller.</summary>
    public async Task AfterAnswerAsync(ApiOperation operation, FuzzCaller caller, FuzzRequest request, HttpStatusCode status)
    {
        var succeeded = (int)status is >= 200 and < 300;
        if (succeeded && operation.ChangesState && !KeepTheirTargets.Contains(operation.Key))
        {
            _targets.Remove((operation.Key, caller.Name));
        }

        var spent = succeeded && SpendTheCaller.Contains(operation.Key);
        var refusedItsOwnToken = status == HttpStatusCode.Unauthorized && caller.User is not null && request.SendsCallerToken
            && !request.Headers.Any(header => header.Key == "Authorization") && !await TokenStillWorksAsync(caller);
        if (spent || refusedItsOwnToken)
        {
            await RenewAsync(caller);
        }
    }

    private async Task RenewAsync(FuzzCaller caller)
    {
        caller.SignedInAs(await SignUpAsync(caller.Role!), renewal: true);
        await JoinTeamAsync(caller);
        foreach (var key in _targets.Keys.Where(key => key.Caller == caller.Name).ToList())
        {
            _targets.Remove(key);
        }
    }

    private async Task<bool> TokenStillWorksAsync(FuzzCaller caller)
    {
        FixtureRequests++;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", caller.Token);
        using var response = await _client.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    private async Task<ValueHints> HintsAsync(ApiOperation operation, FuzzCaller caller)
    {
        var hints = new ValueHints(NewUnknownId())
            .Set("teamId", _teamId.ToString()).Set("ownerId", caller.Id.ToString()).Set("createdBy", caller.Id.ToString()).Set("assigneeId", caller.Id.ToString())
            .Set("userIds", new JsonArray(Member.Id.ToString())).Set("tags", new JsonArray("fuzz")).Set("tag", "fuzz").Set("search", "fuzz")
            .Set("title", "Fuzzed task").Set("description", "Made by the fuzz suite").Set("body", "A fuzzed comment").Set("result", "Fuzzed").Set("reason", "Fuzzed")
            .Set("displayName", "Fuzz User").Set("url", WebhookUrl).Set("metadata", new JsonObject { ["source"] = "fuzz" }).Set("input", new JsonObject())
            .Set("maxAttempts", 3).Set("page", 1).Set("pageSize", 20).Omit("cursor")
            .Set("dueAfter", SchemaValues.FutureTime.AddYears(-1)).Set("dueBefore", SchemaValues.FutureTime);
        switch (operation.OperationId)
        {
            case "CreateTask":
                // An automated task takes every property (input, attempts, run-after): the baseline reaches them all.
                hints.Set("kind", "system.noop");
                break;
            case "ListTasks":
                hints.Set("kind", "manual");
                break;
            case "RegisterUser":
                hints.Set("email", $"fuzz-{++_unique}@example.com").Set("password", ApiTestBase.Password);
                break;
            case "IssueToken":
                hints.Set("email", _signInTarget!.Email).Set("password", ApiTestBase.Password);
                break;
            case "RefreshToken":
                hints.Set("refreshToken", await FreshRefreshTokenAsync());
                break;
            case "ChangePassword":
                hints.Set("currentPassword", ApiTestBase.Password).Set("newPassword", "another-long-password");
                break;
            case "CreateTeam":
                hints.Set("name", UniqueName("Fuzz team"));
                break;
            case "ChangeUserRole":
                hints.Set("role", "manager");
                break;
            case "UpdateNotificationPreferences":
                // taskCreated, the first type, notifies nobody and so has no preference.
                hints.Set("type", "taskTaken");
                break;
            default:
                break;
        }

        return hints;
    }

    private enum TaskState
    {
        Pending,
        Draft,
        TakenByOwner,
        Failed,
        Archived,
        AssignedToMember,
    }

    /// <summary>The state each task operation needs its task in; the others take a pending one.</summary>
    private static readonly Dictionary<string, TaskState> TaskStates = new(StringComparer.Ordinal)
    {
        ["POST /api/v1/tasks/{id}/publish"] = TaskState.Draft,
        ["POST /api/v1/tasks/{id}/complete"] = TaskState.TakenByOwner,
        ["POST /api/v1/tasks/{id}/fail"] = TaskState.TakenByOwner,
        ["POST /api/v1/tasks/{id}/release"] = TaskState.TakenByOwner,
        ["POST /api/v1/tasks/{id}/retry"] = TaskState.Failed,
        ["POST /api/v1/tasks/{id}/unarchive"] = TaskState.Archived,
        ["DELETE /api/v1/tasks/{id}/assignees/{userId}"] = TaskState.AssignedToMember,
    };

    private delegate Task<string> ExistingValue(FuzzWorld world, ApiOperation operation, FuzzCaller owner, IReadOnlyDictionary<string, string> chosen);

    /// <summary>How to name something that exists for a path parameter: the first rule whose path prefix and name match.</summary>
    private sealed record PathRule(string PathPrefix, string Parameter, bool NamesAUser, ExistingValue Existing);

    private static readonly PathRule[] PathRules =
    [
        new("/api/v1/tasks/{id}", "id", false, async (world, operation, owner, _) =>
            (await world.TaskAsync(owner, TaskStates.GetValueOrDefault(operation.Key, TaskState.Pending))).ToString()),
        new("/api/v1/tasks/{id}", "commentId", false, async (world, _, owner, chosen) =>
            (await world.SendOkAsync(owner, HttpMethod.Post, $"/api/v1/tasks/{chosen["id"]}/comments", new { body = "To be fuzzed" })).GetProperty("id").GetString()!),
        new("/api/v1/tasks/{id}", "userId", true, (world, _, _, _) => Task.FromResult(world.Member.Id.ToString())),
        new("/api/v1/users/{id}", "id", true, async (world, operation, _, _) =>
            (await world.UserAsync(deactivated: operation.PathTemplate.EndsWith("/reactivate", StringComparison.Ordinal))).ToString()),
        new("/api/v1/teams/{id}", "id", false, (world, _, _, _) => Task.FromResult(world._teamId.ToString())),
        new("/api/v1/teams/{id}", "userId", true, async (world, operation, _, _) =>
            (await world.UserAsync(inTeam: operation.Method == "DELETE")).ToString()),
        new("/api/v1/webhooks/{id}", "id", false, async (world, _, _, _) =>
            (await world.SendOkAsync(world.Admin, HttpMethod.Post, "/api/v1/webhooks", new { url = WebhookUrl, eventTypes = new[] { "taskCreated" } })).GetProperty("id").GetString()!),
        new("/api/v1/events/{id}", "id", false, async (world, _, _, _) => (await world.ParkedEventAsync()).ToString()),
        new("/api/v1/notifications/{id}", "id", false, async (world, _, owner, _) => (await world.NotificationAsync(owner.Id)).ToString()),
        new("/api/v1/queues/{kind}", "kind", false, (_, _, _, _) => Task.FromResult("system.noop")),
    ];

    private static PathRule? RuleFor(ApiOperation operation, string parameter) =>
        PathRules.FirstOrDefault(rule => rule.Parameter == parameter && operation.PathTemplate.StartsWith(rule.PathPrefix, StringComparison.Ordinal));

    private async Task<Guid> TaskAsync(FuzzCaller owner, TaskState state)
    {
        var task = await SendOkAsync(owner, HttpMethod.Post, "/api/v1/tasks", new { title = "To be fuzzed", draft = state == TaskState.Draft });
        var id = task.GetProperty("id").GetGuid();
        var path = $"/api/v1/tasks/{id}";
        switch (state)
        {
            case TaskState.TakenByOwner:
                await SendOkAsync(owner, HttpMethod.Post, $"{path}/take");
                break;
            case TaskState.Failed:
                await SendOkAsync(owner, HttpMethod.Post, $"{path}/take");
                await SendOkAsync(owner, HttpMethod.Post, $"{path}/fail", new { reason = "Fuzz fixture" });
                break;
            case TaskState.Archived:
                await SendOkAsync(owner, HttpMethod.Delete, path);
                break;
            case TaskState.AssignedToMember:
                await SendOkAsync(Admin, HttpMethod.Put, $"{path}/assignees/{Member.Id}");
                break;
            default:
                break;
        }

        return id;
    }

    /// <summary>A user to be the target of the admins' operations (never a caller: deactivating it must not stop the run).</summary>
    private async Task<Guid> UserAsync(bool deactivated = false, bool inTeam = false)
    {
        var user = await SignUpAsync("member");
        if (deactivated)
        {
            await SendOkAsync(Admin, HttpMethod.Post, $"/api/v1/users/{user.Id}/deactivate");
        }

        if (inTeam)
        {
            await SendOkAsync(Admin, HttpMethod.Put, $"/api/v1/teams/{_teamId}/members/{user.Id}");
        }

        user.Client.Dispose();
        return user.Id;
    }

    /// <summary>Registers and signs in through the real endpoints (two requests).</summary>
    private Task<TestUser> SignUpAsync(string role)
    {
        FixtureRequests += 2;
        return _signUp(role);
    }

    private async Task JoinTeamAsync(FuzzCaller caller) =>
        await SendOkAsync(Admin, HttpMethod.Put, $"/api/v1/teams/{_teamId}/members/{caller.Id}");

    /// <summary>An event of a new task set aside as the outbox sets one aside after repeated failed deliveries.</summary>
    private async Task<Guid> ParkedEventAsync()
    {
        var taskId = await TaskAsync(Admin, TaskState.Pending);
        await using var connection = await _factory.Database.OpenConnectionAsync();
        await using var park = new NpgsqlCommand(
            "UPDATE outbox_messages SET parked_at = now(), attempts = 10, last_error = 'fuzz' WHERE task_id = @task RETURNING id", connection);
        park.Parameters.AddWithValue("task", taskId);
        return (Guid)(await park.ExecuteScalarAsync())!;
    }

    /// <summary>A notification in the owner's inbox, written as the notifications consumer writes one.</summary>
    private async Task<Guid> NotificationAsync(Guid recipientId)
    {
        var id = Guid.CreateVersion7();
        await _factory.Database.ExecuteAsync(
            "INSERT INTO notifications (id, recipient_id, type, title, created_at) VALUES (@id, @recipient, 'taskAssigned', 'Fuzz', now())",
            ("id", id), ("recipient", recipientId));
        return id;
    }

    private async Task<string> FreshRefreshTokenAsync()
    {
        using var anonymous = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = Json.Body(new { email = _sessionTarget!.Email, password = ApiTestBase.Password }) };
        FixtureRequests++;
        using var response = await _client.SendAsync(anonymous);
        var tokens = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return response.IsSuccessStatusCode ? tokens.GetProperty("refreshToken").GetString()! : throw new InvalidOperationException($"The session target could not sign in: {tokens}");
    }

    private async Task<JsonElement> SendOkAsync(FuzzCaller caller, HttpMethod method, string path, object? body = null)
    {
        FixtureRequests++;
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json.Body(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", caller.Token);
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"A fixture could not be made: {method} {path} as {caller} answered {(int)response.StatusCode} {text}");
        }

        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private Guid NewUnknownId()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private string UniqueName(string prefix) => $"{prefix} {++_unique}";

    /// <summary>A token with the API's claims and no signature at all (alg "none").</summary>
    private static string UnsignedToken(Guid userId)
    {
        static string Encode(string json) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var expires = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        return Encode("""{"alg":"none","typ":"JWT"}""") + "." + Encode($$"""{"sub":"{{userId}}","role":"admin","iss":"{{Tokens.Issuer}}","aud":"{{Tokens.Audience}}","exp":{{expires}}}""") + ".";
    }
}
