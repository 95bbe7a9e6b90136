using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NpgsqlTypes;
using static TaskOrchestration.ApiBaseline.TaskStatements;

namespace TaskOrchestration.ApiBaseline;

/// <summary>
/// Four of our endpoints, each sending the statements ours sends for the same request, in the same round trips, and
/// writing the same rows; one pooled connection per request. Left out, because our API pays for them beyond what
/// any secured API must: MediatR and its behaviours, EF Core, AutoMapper, the per-request check of the user and
/// session, request logging, problem-details plumbing.
/// </summary>
internal static class TaskEndpoints
{
    private const int PageSize = 20;
    private const string IdempotencyScope = "CreateTaskCommand";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static void MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/v1/tasks").RequireAuthorization();
        tasks.MapGet("/{id:guid}", GetTask);
        tasks.MapGet("/", ListPendingTasks);
        tasks.MapPost("/", CreateTask);
        tasks.MapPost("/{id:guid}/take", TakeTask);
    }

    /// <summary>Ours (GetTaskQuery): the task with its assignees, then the caller's teams (may a member see it?): two round trips.</summary>
    private static async Task<IResult> GetTask(Guid id, ClaimsPrincipal user, NpgsqlDataSource database, HttpResponse response, CancellationToken cancellationToken)
    {
        var (caller, role) = Caller(user);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var task = await ReadTaskAsync(connection, id, caller, role, cancellationToken);
        var teams = await ReadTeamsAsync(connection, caller, cancellationToken);
        if (task is null || !Visible(task, teams))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such task.");
        }

        response.Headers.ETag = EntityTag(task.Version);
        return Results.Ok(task);
    }

    /// <summary>
    /// Ours (ListTasksQuery with status=pending, defaults otherwise): the caller's teams, then the first page of 20 plus
    /// one row, with assignees: two round trips. Only the status filter and the defaults are served.
    /// </summary>
    private static async Task<IResult> ListPendingTasks([FromQuery] string? status, ClaimsPrincipal user, NpgsqlDataSource database, CancellationToken cancellationToken)
    {
        var (caller, role) = Caller(user);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var teams = await ReadTeamsAsync(connection, caller, cancellationToken);
        await using var command = Command(
            connection,
            SelectTaskPage,
            Parameter(new[] { status ?? "pending" }, NpgsqlDbType.Array | NpgsqlDbType.Text),
            Parameter(teams.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Uuid),
            Parameter(PageSize + 1, NpgsqlDbType.Integer),
            Parameter(0, NpgsqlDbType.Integer));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = await TaskBody.ReadAllAsync(reader, caller, role, cancellationToken);
        var hasMore = rows.Count > PageSize;
        var items = hasMore ? rows[..PageSize] : rows;
        return Results.Ok(new TaskPageBody(items, 1, PageSize, null, hasMore, hasMore ? Cursor(items[^1]) : null));
    }

    /// <summary>
    /// Ours (CreateTaskCommand), with an Idempotency-Key: claim the key; insert the task; insert its
    /// taskCreated event into the outbox; store the answer under the key; commit: five round trips (three without a key,
    /// which skips the claim and the answer). Our API writes no history entry for a creation.
    /// </summary>
    private static async Task<IResult> CreateTask(
        CreateTaskRequest body,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user,
        NpgsqlDataSource database,
        CancellationToken cancellationToken)
    {
        var priority = TaskBody.PriorityValue(body.Priority);
        if (string.IsNullOrWhiteSpace(body.Title) || body.Title.Length > 200 || priority < 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "A title of 1 to 200 characters and a known priority, please.");
        }

        var (caller, role) = Caller(user);
        var key = string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey;
        var now = DateTimeOffset.UtcNow;
        var fingerprint = key is null ? null : Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(body, Web)));
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (key is not null)
        {
            await using var claim = Command(
                connection,
                ClaimIdempotencyKey,
                Parameter(caller, NpgsqlDbType.Uuid),
                Parameter(IdempotencyScope, NpgsqlDbType.Text),
                Parameter(key, NpgsqlDbType.Text),
                Parameter(fingerprint, NpgsqlDbType.Text),
                Parameter(now, NpgsqlDbType.TimestampTz),
                Parameter(now.AddHours(24), NpgsqlDbType.TimestampTz));
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return await ReplayAsync(connection, caller, key, cancellationToken);
            }
        }

        var id = Guid.CreateVersion7(now);
        var status = body.Draft ? "draft" : "pending";
        uint version;
        await using (var insert = Command(
            connection,
            InsertTask,
            Parameter(id, NpgsqlDbType.Uuid),
            Parameter(null, NpgsqlDbType.TimestampTz),
            Parameter(1, NpgsqlDbType.Integer),
            Parameter(now, NpgsqlDbType.TimestampTz),
            Parameter(caller, NpgsqlDbType.Uuid),
            Parameter(body.Description, NpgsqlDbType.Text),
            Parameter(body.DueDate, NpgsqlDbType.TimestampTz),
            Parameter(null, NpgsqlDbType.Text),
            Parameter(null, NpgsqlDbType.Jsonb),
            Parameter(TaskBody.ManualKind, NpgsqlDbType.Text),
            Parameter(1, NpgsqlDbType.Integer),
            Parameter(null, NpgsqlDbType.Jsonb),
            Parameter(null, NpgsqlDbType.TimestampTz),
            Parameter(null, NpgsqlDbType.Uuid),
            Parameter(priority, NpgsqlDbType.Integer),
            Parameter(null, NpgsqlDbType.Text),
            Parameter(null, NpgsqlDbType.TimestampTz),
            Parameter(status, NpgsqlDbType.Text),
            Parameter(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Varchar),
            Parameter(null, NpgsqlDbType.Uuid),
            Parameter(body.Title, NpgsqlDbType.Text),
            Parameter(now, NpgsqlDbType.TimestampTz)))
        {
            version = (uint)(await insert.ExecuteScalarAsync(cancellationToken))!;
        }

        await using (var outbox = InsertOutboxMessage(connection, "taskCreated", id, caller, now, new { status }))
        {
            await outbox.ExecuteNonQueryAsync(cancellationToken);
        }

        var task = new TaskBody(
            id, body.Title, body.Description, TaskBody.PriorityName(priority), body.DueDate, status, null, null, caller, now, now, null, null, 1, [],
            null, [], TaskBody.ManualKind, null, 1, null, null, null, false, null, null, version, [], []).WithAssignees([], caller, role);
        if (key is not null)
        {
            await using var store = Command(
                connection,
                StoreIdempotentAnswer,
                Parameter(JsonSerializer.Serialize(task, Web), NpgsqlDbType.Text),
                Parameter(caller, NpgsqlDbType.Uuid),
                Parameter(IdempotencyScope, NpgsqlDbType.Text),
                Parameter(key, NpgsqlDbType.Text));
            await store.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return Results.Created($"/api/v1/tasks/{id}", task);
    }

    /// <summary>
    /// Ours (TakeTaskCommand): the task with its assignees, and the caller's teams when not held (outside the
    /// transaction); then the history entry and the update guarded by the version read, in one batch; the taskTaken
    /// event into the outbox; commit: four round trips when the teams are held.
    /// </summary>
    private static async Task<IResult> TakeTask(Guid id, ClaimsPrincipal user, NpgsqlDataSource database, HttpResponse response, CancellationToken cancellationToken)
    {
        var (caller, role) = Caller(user);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var task = await ReadTaskAsync(connection, id, caller, role, cancellationToken);
        var teams = await ReadTeamsAsync(connection, caller, cancellationToken);
        if (task is null || !Visible(task, teams))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such task.");
        }

        if (!task.AllowedActions.Contains("take"))
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The task cannot be taken now, or not by you.");
        }

        var now = DateTimeOffset.UtcNow;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        uint? version = null;
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            batch.BatchCommands.Add(BatchCommand(
                InsertHistory,
                Parameter("[]", NpgsqlDbType.Jsonb),
                Parameter(Guid.CreateVersion7(now), NpgsqlDbType.Uuid),
                Parameter(caller, NpgsqlDbType.Uuid),
                Parameter("pending", NpgsqlDbType.Text),
                Parameter("transitioned", NpgsqlDbType.Text),
                Parameter(now, NpgsqlDbType.TimestampTz),
                Parameter(null, NpgsqlDbType.Text),
                Parameter(id, NpgsqlDbType.Uuid),
                Parameter("running", NpgsqlDbType.Text),
                Parameter("take", NpgsqlDbType.Text)));
            batch.BatchCommands.Add(BatchCommand(
                UpdateTaken,
                Parameter(caller, NpgsqlDbType.Uuid),
                Parameter("running", NpgsqlDbType.Text),
                Parameter(now, NpgsqlDbType.TimestampTz),
                Parameter(id, NpgsqlDbType.Uuid),
                Parameter(task.Version, NpgsqlDbType.Xid)));
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            do
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    version = reader.GetFieldValue<uint>(0);
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        if (version is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The task changed meanwhile.");
        }

        await using (var outbox = InsertOutboxMessage(
            connection, "taskTaken", id, caller, now, new { from = "pending", to = "running", trigger = "take", reason = (string?)null, result = (string?)null }))
        {
            await outbox.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var taken = task.With("running", caller, now, version.Value, caller, role);
        response.Headers.ETag = EntityTag(taken.Version);
        return Results.Ok(taken);
    }

    private static async Task<TaskBody?> ReadTaskAsync(NpgsqlConnection connection, Guid id, Guid caller, string? role, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, SelectTaskWithAssignees, Parameter(id, NpgsqlDbType.Uuid));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return (await TaskBody.ReadAllAsync(reader, caller, role, cancellationToken)).SingleOrDefault();
    }

    // Ours holds a member's teams with their access state (AccessStateCache) and reads them once per time to live:
    // the baseline keeps what it read too, so that it sends what ours sends under load.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, List<Guid>> TeamsRead = new();

    private static async Task<List<Guid>> ReadTeamsAsync(NpgsqlConnection connection, Guid caller, CancellationToken cancellationToken)
    {
        if (TeamsRead.TryGetValue(caller, out var known))
        {
            return known;
        }

        await using var command = Command(connection, SelectCallerTeams, Parameter(caller, NpgsqlDbType.Uuid));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var teams = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            teams.Add(reader.GetGuid(0));
        }

        TeamsRead[caller] = teams;
        return teams;
    }

    private static async Task<IResult> ReplayAsync(NpgsqlConnection connection, Guid caller, string key, CancellationToken cancellationToken)
    {
        await using var command = Command(
            connection,
            SelectIdempotentAnswer,
            Parameter(caller, NpgsqlDbType.Uuid),
            Parameter(IdempotencyScope, NpgsqlDbType.Text),
            Parameter(key, NpgsqlDbType.Text));
        var answer = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        return Results.Text(answer, "application/json", statusCode: StatusCodes.Status201Created);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // The benchmark signs in as a member: a task with a team is theirs to see only as one of its members.
    private static bool Visible(TaskBody task, List<Guid> callerTeams) => task.TeamId is not { } team || callerTeams.Contains(team);

    private static (Guid Id, string? Role) Caller(ClaimsPrincipal user) =>
        (Guid.Parse(user.FindFirstValue(BearerTokens.Subject)!), user.FindFirstValue(BearerTokens.Role));

    private static string EntityTag(uint version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    // Our keyset cursor: sort field, direction, the last item's key (ticks) and id, as base64 JSON.
    private static string Cursor(TaskBody last) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(
        new { S = 0, D = 1, K = last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), I = last.Id }));
}
