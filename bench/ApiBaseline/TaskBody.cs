using System.Text.Json;
using Npgsql;

namespace TaskOrchestration.ApiBaseline;

/// <summary>A task as our API answers it (TaskDto): the same fields in the same order, so the answers weigh the same.</summary>
internal sealed record TaskBody(
    Guid Id,
    string Title,
    string? Description,
    string Priority,
    DateTimeOffset? DueDate,
    string Status,
    Guid? OwnerId,
    Guid? TeamId,
    Guid CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Result,
    string? FailureReason,
    int AttemptCount,
    IReadOnlyList<Guid> AssigneeIds,
    JsonElement? Metadata,
    IReadOnlyList<string> Tags,
    string Kind,
    JsonElement? Input,
    int MaxAttempts,
    DateTimeOffset? RunAfter,
    string? LeasedBy,
    DateTimeOffset? LeaseExpiresAt,
    bool IsDead,
    DateTimeOffset? OverdueFlaggedAt,
    DateTimeOffset? ArchivedAt,
    uint Version,
    IReadOnlyList<string> AllowedActions,
    IReadOnlyList<RefusedActionBody> RefusedActions)
{
    public const string ManualKind = "manual";

    private static readonly string[] Priorities = ["low", "normal", "high", "critical"];

    public static string PriorityName(int priority) => Priorities[priority];

    public static int PriorityValue(string? name) => name is null ? 1 : Array.IndexOf(Priorities, name);

    /// <summary>
    /// Reads the rows of our task query (a task per row, once per assignee: the columns of <see cref="TaskStatements.TaskColumns"/>
    /// then task_id, user_id, assigned_at of task_assignees), in the order they come.
    /// </summary>
    public static async Task<List<TaskBody>> ReadAllAsync(NpgsqlDataReader reader, Guid caller, string? callerRole, CancellationToken cancellationToken)
    {
        var tasks = new List<TaskBody>();
        var assignees = new List<Guid>();
        TaskBody? current = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetGuid(0);
            if (current is null || current.Id != id)
            {
                if (current is not null)
                {
                    tasks.Add(current.WithAssignees(assignees, caller, callerRole));
                }

                current = Read(reader);
                assignees = [];
            }

            if (!reader.IsDBNull(24))
            {
                assignees.Add(reader.GetGuid(24));
            }
        }

        if (current is not null)
        {
            tasks.Add(current.WithAssignees(assignees, caller, callerRole));
        }

        return tasks;
    }

    /// <summary>The task after a change: its new version and fields, and what the caller may do with it now.</summary>
    public TaskBody With(string status, Guid? ownerId, DateTimeOffset updatedAt, uint version, Guid caller, string? callerRole) =>
        (this with { Status = status, OwnerId = ownerId, UpdatedAt = updatedAt, Version = version }).WithAssignees(AssigneeIds, caller, callerRole);

    public TaskBody WithAssignees(IReadOnlyList<Guid> assigneeIds, Guid caller, string? callerRole)
    {
        var (allowed, refused) = TaskActions.For(this with { AssigneeIds = assigneeIds }, caller, callerRole);
        return this with { AssigneeIds = assigneeIds, AllowedActions = allowed, RefusedActions = refused };
    }

    private static TaskBody Read(NpgsqlDataReader reader)
    {
        var kind = reader.GetString(9);
        var status = reader.GetString(17);
        var attemptCount = reader.GetInt32(2);
        var maxAttempts = reader.GetInt32(10);
        return new TaskBody(
            Id: reader.GetGuid(0),
            Title: reader.GetString(20),
            Description: Nullable<string>(reader, 5),
            Priority: PriorityName(reader.GetInt32(14)),
            DueDate: NullableTime(reader, 6),
            Status: status,
            OwnerId: reader.IsDBNull(13) ? null : reader.GetGuid(13),
            TeamId: reader.IsDBNull(19) ? null : reader.GetGuid(19),
            CreatedBy: reader.GetGuid(4),
            CreatedAt: reader.GetFieldValue<DateTimeOffset>(3),
            UpdatedAt: reader.GetFieldValue<DateTimeOffset>(21),
            Result: Nullable<string>(reader, 15),
            FailureReason: Nullable<string>(reader, 7),
            AttemptCount: attemptCount,
            AssigneeIds: [],
            Metadata: Json(reader, 11),
            Tags: reader.GetFieldValue<string[]>(18),
            Kind: kind,
            Input: Json(reader, 8),
            MaxAttempts: maxAttempts,
            RunAfter: NullableTime(reader, 16),
            // A worker's hold is on the task's work item, its lease on the worker's row (workers.lease_until), and
            // the benchmark's tasks are people's: none.
            LeasedBy: null,
            LeaseExpiresAt: null,
            IsDead: kind != ManualKind && status == "failed" && attemptCount >= maxAttempts,
            OverdueFlaggedAt: NullableTime(reader, 12),
            ArchivedAt: NullableTime(reader, 1),
            Version: reader.GetFieldValue<uint>(22),
            AllowedActions: [],
            RefusedActions: []);
    }

    private static T? Nullable<T>(NpgsqlDataReader reader, int ordinal) where T : class =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    private static JsonElement? Json(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : JsonSerializer.Deserialize<JsonElement>(reader.GetString(ordinal));
}

/// <summary>An action the caller may not take, and the problem code our API would answer.</summary>
internal sealed record RefusedActionBody(string Action, string Code);

/// <summary>A page of our task list (PagedList): the first page only, so no total and no cursor parsing.</summary>
internal sealed record TaskPageBody(IReadOnlyList<TaskBody> Items, int Page, int PageSize, int? TotalCount, bool HasMore, string? NextCursor);

/// <summary>The fields of POST /api/v1/tasks that the benchmark sends (our CreateTaskCommand has more, all optional).</summary>
internal sealed record CreateTaskRequest(string? Title, string? Description = null, string? Priority = null, DateTimeOffset? DueDate = null, bool Draft = false);
