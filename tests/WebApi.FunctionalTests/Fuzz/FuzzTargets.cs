using Npgsql;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>
/// Things that exist, for the path parameters of each operation: a task, a comment, a user, the team, a webhook, a
/// parked event, a notification, a queue. The fuzzing changes what it touches, so each operation and caller gets
/// targets of its own, in the state the operation needs (a running task of the caller's to complete, an archived
/// one to restore), and new ones after a change succeeded. All are made through the real endpoints, but for a parked
/// event and a notification, which only the worker role makes: those are written as the outbox and its consumer
/// write them.
/// </summary>
internal sealed class FuzzTargets(FixtureClient fixtures, FuzzCaller admin, FuzzCaller member)
{
    private const string WebhookUrl = "https://203.0.113.10/hooks";

    private readonly FixtureClient _fixtures = fixtures;
    private readonly FuzzCaller _admin = admin;
    private readonly FuzzCaller _member = member;
    private readonly Dictionary<(string Operation, string Caller), IReadOnlyDictionary<string, string>> _chosen = [];

    public Guid TeamId { get; private set; }

    /// <summary>A task no operation changes: the id of another kind where a user is named.</summary>
    public Guid SampleTaskId { get; private set; }

    /// <summary>A task the worker engine would run (it runs after the fuzzing ends): the other existing task every task operation also gets.</summary>
    public Guid AutomatedTaskId { get; private set; }

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

    /// <summary>
    /// Changes that leave their target fit for the same operation again (an edit, not a move through the lifecycle):
    /// they keep it after a success. Every other change gets new targets, which is always safe.
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

    private delegate Task<string> Existing(FuzzTargets targets, ApiOperation operation, FuzzCaller owner, IReadOnlyDictionary<string, string> chosen);

    /// <summary>
    /// How to name something that exists for a path parameter (the first rule whose path prefix and name match),
    /// and, where there is one, another existing thing of the same kind to try as well.
    /// </summary>
    private sealed record PathRule(string PathPrefix, string Parameter, bool NamesAUser, Existing Existing, Func<FuzzTargets, Guid>? Alternative = null);

    private static readonly PathRule[] PathRules =
    [
        new("/api/v1/tasks/{id}", "id", false, async (targets, operation, owner, _) =>
            (await targets.TaskAsync(owner, TaskStates.GetValueOrDefault(operation.Key, TaskState.Pending))).ToString(),
            targets => targets.AutomatedTaskId),
        new("/api/v1/tasks/{id}", "commentId", false, async (targets, _, owner, chosen) =>
            (await targets._fixtures.SendOkAsync(owner.Token, HttpMethod.Post, $"/api/v1/tasks/{chosen["id"]}/comments", new { body = "To be fuzzed" })).GetProperty("id").GetString()!),
        new("/api/v1/tasks/{id}", "userId", true, (targets, _, _, _) => Task.FromResult(targets._member.Id.ToString())),
        new("/api/v1/users/{id}", "id", true, async (targets, operation, _, _) =>
            (await targets.UserAsync(deactivated: operation.PathTemplate.EndsWith("/reactivate", StringComparison.Ordinal))).ToString()),
        new("/api/v1/teams/{id}", "id", false, (targets, _, _, _) => Task.FromResult(targets.TeamId.ToString())),
        new("/api/v1/teams/{id}", "userId", true, async (targets, operation, _, _) => (await targets.UserAsync(inTeam: operation.Method == "DELETE")).ToString()),
        new("/api/v1/webhooks/{id}", "id", false, async (targets, _, _, _) =>
            (await targets._fixtures.SendOkAsync(targets._admin.Token, HttpMethod.Post, "/api/v1/webhooks", new { url = WebhookUrl, eventTypes = new[] { "taskCreated" } })).GetProperty("id").GetString()!),
        new("/api/v1/events/{id}", "id", false, async (targets, _, _, _) => (await targets.ParkedEventAsync()).ToString()),
        new("/api/v1/notifications/{id}", "id", false, async (targets, _, owner, _) => (await targets.NotificationAsync(owner.Id)).ToString()),
        new("/api/v1/queues/{kind}", "kind", false, (_, _, _, _) => Task.FromResult("system.noop")),
    ];

    /// <summary>The team every signed-in caller is in, and a task nothing changes.</summary>
    public async Task CreateSharedAsync()
    {
        TeamId = (await _fixtures.SendOkAsync(_admin.Token, HttpMethod.Post, "/api/v1/teams", new { name = "Fuzz team" })).GetProperty("id").GetGuid();
        await JoinTeamAsync(_admin);
        await JoinTeamAsync(_member);
        SampleTaskId = await TaskAsync(_admin, TaskState.Pending);
        var automated = new { title = "Automated, to be fuzzed", kind = "system.noop", runAfter = SchemaValues.FutureTime };
        AutomatedTaskId = (await _fixtures.SendOkAsync(_admin.Token, HttpMethod.Post, "/api/v1/tasks", automated)).GetProperty("id").GetGuid();
    }

    public Task JoinTeamAsync(FuzzCaller caller) => _fixtures.SendOkAsync(_admin.Token, HttpMethod.Put, $"/api/v1/teams/{TeamId}/members/{caller.Id}");

    /// <summary>Why no rule names something existing for a path parameter of <paramref name="operation"/>, or null when each has one.</summary>
    public static string? WhyNone(ApiOperation operation) =>
        operation.In("path").Where(parameter => RuleFor(operation, parameter.Name) is null)
            .Select(parameter => $"{operation.Key}: no rule in FuzzTargets.PathRules names an existing {{{parameter.Name}}}")
            .FirstOrDefault();

    /// <summary>Existing values for the path parameters of <paramref name="operation"/>, owned by <paramref name="owner"/> where that matters.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ExistingAsync(ApiOperation operation, FuzzCaller caller, FuzzCaller owner)
    {
        if (_chosen.TryGetValue((operation.Key, caller.Name), out var chosen))
        {
            return chosen;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in operation.In("path"))
        {
            var rule = RuleFor(operation, parameter.Name) ?? throw new InvalidOperationException(WhyNone(operation));
            values[parameter.Name] = await rule.Existing(this, operation, owner, values);
        }

        _chosen[(operation.Key, caller.Name)] = values;
        return values;
    }

    /// <summary>For each path parameter, an existing id of something else: a user's where another thing is named, a task's where a user is.</summary>
    public IReadOnlyDictionary<string, string> OfAnotherKind(ApiOperation operation) =>
        operation.In("path").ToDictionary(
            parameter => parameter.Name,
            parameter => (RuleFor(operation, parameter.Name)?.NamesAUser == true ? SampleTaskId : _admin.Id).ToString(),
            StringComparer.Ordinal);

    /// <summary>Whether the path parameter has another existing value to try (the automated task where a task is named).</summary>
    public static bool HasAlternative(ApiOperation operation, string parameter) => RuleFor(operation, parameter)?.Alternative is not null;

    /// <summary>The other existing value of each path parameter that has one.</summary>
    public IReadOnlyDictionary<string, string> Alternatives(ApiOperation operation) =>
        operation.In("path").Select(parameter => (parameter.Name, RuleFor(operation, parameter.Name)?.Alternative))
            .Where(rule => rule.Alternative is not null)
            .ToDictionary(rule => rule.Name, rule => rule.Alternative!(this).ToString(), StringComparer.Ordinal);

    /// <summary>A change that succeeded may have moved its targets out of the state the operation needs.</summary>
    public void Succeeded(ApiOperation operation, FuzzCaller caller)
    {
        if (operation.ChangesState && !KeepTheirTargets.Contains(operation.Key))
        {
            _chosen.Remove((operation.Key, caller.Name));
        }
    }

    /// <summary>Forgets what was chosen for a caller that was replaced: its tasks belong to the user it was.</summary>
    public void Forget(FuzzCaller caller)
    {
        foreach (var key in _chosen.Keys.Where(key => key.Caller == caller.Name).ToList())
        {
            _chosen.Remove(key);
        }
    }

    private static PathRule? RuleFor(ApiOperation operation, string parameter) =>
        PathRules.FirstOrDefault(rule => rule.Parameter == parameter && operation.PathTemplate.StartsWith(rule.PathPrefix, StringComparison.Ordinal));

    private async Task<Guid> TaskAsync(FuzzCaller owner, TaskState state)
    {
        var task = await _fixtures.SendOkAsync(owner.Token, HttpMethod.Post, "/api/v1/tasks", new { title = "To be fuzzed", draft = state == TaskState.Draft });
        var path = $"/api/v1/tasks/{task.GetProperty("id").GetGuid()}";
        switch (state)
        {
            case TaskState.TakenByOwner:
                await _fixtures.SendOkAsync(owner.Token, HttpMethod.Post, $"{path}/take");
                break;
            case TaskState.Failed:
                await _fixtures.SendOkAsync(owner.Token, HttpMethod.Post, $"{path}/take");
                await _fixtures.SendOkAsync(owner.Token, HttpMethod.Post, $"{path}/fail", new { reason = "Fuzz fixture" });
                break;
            case TaskState.Archived:
                await _fixtures.SendOkAsync(owner.Token, HttpMethod.Delete, path);
                break;
            case TaskState.AssignedToMember:
                await _fixtures.SendOkAsync(_admin.Token, HttpMethod.Put, $"{path}/assignees/{_member.Id}");
                break;
            default:
                break;
        }

        return task.GetProperty("id").GetGuid();
    }

    /// <summary>A user for the admins' operations to act on; never a caller, so deactivating it cannot stop the run.</summary>
    private async Task<Guid> UserAsync(bool deactivated = false, bool inTeam = false)
    {
        var user = await _fixtures.SignUpAsync("member");
        user.Client.Dispose();
        if (deactivated)
        {
            await _fixtures.SendOkAsync(_admin.Token, HttpMethod.Post, $"/api/v1/users/{user.Id}/deactivate");
        }

        if (inTeam)
        {
            await _fixtures.SendOkAsync(_admin.Token, HttpMethod.Put, $"/api/v1/teams/{TeamId}/members/{user.Id}");
        }

        return user.Id;
    }

    /// <summary>The event of a new task, set aside as the outbox sets one aside after repeated failed deliveries.</summary>
    private async Task<Guid> ParkedEventAsync()
    {
        var taskId = await TaskAsync(_admin, TaskState.Pending);
        await using var connection = await _fixtures.Factory.Database.OpenConnectionAsync();
        await using var park = new NpgsqlCommand(
            "UPDATE outbox_messages SET parked_at = now(), attempts = 10, last_error = 'fuzz' WHERE task_id = @task RETURNING id", connection);
        park.Parameters.AddWithValue("task", taskId);
        return (Guid)(await park.ExecuteScalarAsync())!;
    }

    /// <summary>A notification in the owner's inbox, written as the notifications consumer writes one.</summary>
    private async Task<Guid> NotificationAsync(Guid recipientId)
    {
        var id = Guid.CreateVersion7();
        await _fixtures.Factory.Database.ExecuteAsync(
            "INSERT INTO notifications (id, recipient_id, type, title, created_at) VALUES (@id, @recipient, 'taskAssigned', 'Fuzz', now())",
            ("id", id), ("recipient", recipientId));
        return id;
    }
}
