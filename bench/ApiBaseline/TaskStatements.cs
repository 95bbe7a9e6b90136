using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace TaskOrchestration.ApiBaseline;

/// <summary>
/// The statements our API sends for the four endpoints, copied from PostgreSQL's statement log of a Release build
/// (log_statement=all, one request of each kind; bench/api.sh's header says how to capture them again). Only the
/// parameter binding is ours to choose; the text, and which ones travel together in one round trip, are theirs.
/// </summary>
internal static class TaskStatements
{
    private const string TaskColumns =
        "id, archived_at, attempt_count, created_at, created_by, description, due_date, failure_reason, input, kind, "
        + "max_attempts, metadata, overdue_flagged_at, owner_id, priority, result, run_after, status, tags, team_id, title, updated_at, xmin";

    /// <summary>Our GetTaskQuery's and TakeTaskCommand's read: the task and its assignees (EF's Include), one row per assignee.</summary>
    public static readonly string SelectTaskWithAssignees = $"""
        SELECT {Columns("t1")}, t0.task_id, t0.user_id, t0.assigned_at
        FROM (
            SELECT {Columns("t")}
            FROM tasks AS t
            WHERE t.id = $1
            LIMIT 1
        ) AS t1
        LEFT JOIN task_assignees AS t0 ON t1.id = t0.task_id
        ORDER BY t1.id, t0.task_id
        """;

    /// <summary>Our TaskAccess: the caller's teams, which decide what a member sees.</summary>
    public const string SelectCallerTeams = """
        SELECT t0.team_id
        FROM teams AS t
        INNER JOIN team_members AS t0 ON t.id = t0.team_id
        WHERE t0.user_id = $1
        """;

    /// <summary>Our ListTasksQuery for a member, filtered by status, newest first, one row more than the page to learn hasMore.</summary>
    public static readonly string SelectTaskPage = $"""
        SELECT {Columns("t1")}, t0.task_id, t0.user_id, t0.assigned_at
        FROM (
            SELECT {Columns("t")}
            FROM tasks AS t
            WHERE t.archived_at IS NULL AND t.status = ANY ($1)
              AND NOT (t.status = 'pending' AND t.kind <> 'manual' AND t.id IN (SELECT w.id FROM work_items AS w WHERE w.leased_by IS NOT NULL))
              AND (t.team_id IS NULL OR t.team_id = ANY ($2))
            ORDER BY t.created_at DESC, t.id DESC
            LIMIT $3 OFFSET $4
        ) AS t1
        LEFT JOIN task_assignees AS t0 ON t1.id = t0.task_id
        ORDER BY t1.created_at DESC, t1.id DESC, t0.task_id
        """;

    /// <summary>Our IdempotencyStore's claim of the key, first in the transaction.</summary>
    public const string ClaimIdempotencyKey = """
        INSERT INTO idempotency_keys (user_id, scope, key, request_fingerprint, answer, created_at, expires_at)
        VALUES ($1, $2, $3, $4, NULL, $5, $6)
        ON CONFLICT (user_id, scope, key) DO UPDATE
            SET request_fingerprint = excluded.request_fingerprint, answer = NULL, created_at = excluded.created_at, expires_at = excluded.expires_at
            WHERE idempotency_keys.expires_at <= excluded.created_at
        """;

    /// <summary>Our IdempotencyStore's answer, stored before the commit.</summary>
    public const string StoreIdempotentAnswer = "UPDATE idempotency_keys SET answer = $1 WHERE user_id = $2 AND scope = $3 AND key = $4";

    /// <summary>A repeated key: the first answer (our IdempotencyStore reads it through EF; never on the benchmark's path).</summary>
    public const string SelectIdempotentAnswer = "SELECT answer FROM idempotency_keys WHERE user_id = $1 AND scope = $2 AND key = $3";

    /// <summary>EF's insert of a new TaskItem.</summary>
    public const string InsertTask = """
        INSERT INTO tasks (id, archived_at, attempt_count, created_at, created_by, description, due_date, failure_reason, input, kind, max_attempts, metadata, overdue_flagged_at, owner_id, priority, result, run_after, status, tags, team_id, title, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
        RETURNING xmin
        """;

    /// <summary>EF's insert of a history entry (take: in one batch with <see cref="UpdateTaken"/>).</summary>
    public const string InsertHistory = """
        INSERT INTO task_history (changes, id, actor_id, "from", kind, occurred_at, reason, task_id, "to", trigger)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        """;

    /// <summary>EF's update of a taken task, guarded by the version read before (xmin).</summary>
    public const string UpdateTaken = """
        UPDATE tasks SET owner_id = $1, status = $2, updated_at = $3
        WHERE id = $4 AND xmin = $5
        RETURNING xmin
        """;

    /// <summary>Our outbox's insert of the events the change raised (after SaveChanges, in the same transaction).</summary>
    public const string InsertOutboxMessages = """
        INSERT INTO outbox_messages (id, type, task_id, occurred_at, payload, available_at, attempts)
        SELECT v.id, v.type, v.task_id, v.occurred_at, v.payload::jsonb, v.occurred_at, 0
        FROM unnest($1, $2, $3, $4, $5) WITH ORDINALITY AS v(id, type, task_id, occurred_at, payload, position)
        ORDER BY v.position
        """;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static NpgsqlParameter Parameter(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return command;
    }

    public static NpgsqlBatchCommand BatchCommand(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>One event as our outbox stores it: the envelope of src/Application/Events, serialised as JSON.</summary>
    public static NpgsqlCommand InsertOutboxMessage(NpgsqlConnection connection, string type, Guid taskId, Guid actorId, DateTimeOffset occurredAt, object data)
    {
        var id = Guid.CreateVersion7(occurredAt);
        var payload = JsonSerializer.Serialize(new OutboxEnvelope(id, 1, type, occurredAt, taskId, new OutboxActor(actorId, "user"), data), Web);
        return Command(
            connection,
            InsertOutboxMessages,
            Parameter(new[] { id }, NpgsqlDbType.Array | NpgsqlDbType.Uuid),
            Parameter(new[] { type }, NpgsqlDbType.Array | NpgsqlDbType.Text),
            Parameter(new[] { taskId }, NpgsqlDbType.Array | NpgsqlDbType.Uuid),
            Parameter(new[] { occurredAt }, NpgsqlDbType.Array | NpgsqlDbType.TimestampTz),
            Parameter(new[] { payload }, NpgsqlDbType.Array | NpgsqlDbType.Text));
    }

    private static string Columns(string alias) => string.Join(", ", TaskColumns.Split(", ").Select(column => $"{alias}.{column}"));

    private sealed record OutboxEnvelope(Guid Id, int Version, string Type, DateTimeOffset OccurredAt, Guid TaskId, OutboxActor Actor, object Data);

    private sealed record OutboxActor(Guid Id, string Kind);
}
