using System.Text.Json;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks;

/// <summary>A task as clients see it, with what the caller may do to it now.</summary>
public sealed class TaskDto
{
    /// <summary>The task's id.</summary>
    public Guid Id { get; init; }

    /// <summary>A short name, 1 to 200 characters.</summary>
    public string Title { get; init; } = string.Empty;

    /// <summary>Details, up to 10,000 characters.</summary>
    public string? Description { get; init; }

    /// <summary>How urgent the task is.</summary>
    public TaskPriority Priority { get; init; }

    /// <summary>When the task should be done, if anyone said.</summary>
    public DateTimeOffset? DueDate { get; init; }

    /// <summary>Where the task is in its lifecycle.</summary>
    public TaskItemStatus Status { get; init; }

    /// <summary>The user who took the task.</summary>
    public Guid? OwnerId { get; init; }

    /// <summary>The team the task belongs to; null when every signed-in user may see it.</summary>
    public Guid? TeamId { get; init; }

    /// <summary>The user who created the task.</summary>
    public Guid CreatedBy { get; init; }

    /// <summary>When the task was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the task last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>What the owner reported when completing it.</summary>
    public string? Result { get; init; }

    /// <summary>Why the current attempt failed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The number of the current attempt, starting at 1.</summary>
    public int AttemptCount { get; init; }

    /// <summary>The people the task is assigned to; when there are any, only they may take it.</summary>
    public IReadOnlyList<Guid> AssigneeIds { get; init; } = [];

    /// <summary>The client's JSON object attached to the task, if any.</summary>
    public JsonElement? Metadata { get; init; }

    /// <summary>The task's tags, in lower case and alphabetical order.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>"manual" for people; otherwise the kind of handler the worker engine runs it with.</summary>
    public string Kind { get; init; } = TaskAutomation.ManualKind;

    /// <summary>Automated tasks: the JSON the handler is given.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>How many attempts the engine makes before the task stays failed (1 for manual tasks).</summary>
    public int MaxAttempts { get; init; }

    /// <summary>Automated tasks: not run before this time (set at submission, and by the backoff after a failed attempt).</summary>
    public DateTimeOffset? RunAfter { get; init; }

    /// <summary>Automated tasks: the worker process running the current attempt.</summary>
    public string? LeasedBy { get; init; }

    /// <summary>Automated tasks: until when that worker holds it (extended by its heartbeat).</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>An automated task that used up its attempts and failed; retry revives it.</summary>
    public bool IsDead { get; init; }

    /// <summary>
    /// When the overdue job found the task still open past its due date (and told the people concerned); null until
    /// then. Changing the due date clears it.
    /// </summary>
    public DateTimeOffset? OverdueFlaggedAt { get; init; }

    /// <summary>When the task was archived; null while it is live.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>The concurrency version; also sent as the ETag, and expected back in If-Match.</summary>
    public uint Version { get; init; }

    /// <summary>The lifecycle actions the caller may take now.</summary>
    public IReadOnlyList<TaskTrigger> AllowedActions { get; init; } = [];

    /// <summary>
    /// The other actions of the task's status, that a rule refuses to the caller, each with the problem code that
    /// taking it would answer (<c>not_owner</c>, <c>not_creator_or_manager</c>, <c>not_assignee</c>,
    /// <c>automated_task</c>): why a button is disabled. Empty while the task is archived.
    /// </summary>
    public IReadOnlyList<RefusedActionDto> RefusedActions { get; init; } = [];
}

/// <summary>An action of the task's status that the caller may not take, and why.</summary>
public sealed class RefusedActionDto
{
    /// <summary>The lifecycle action.</summary>
    public TaskTrigger Action { get; init; }

    /// <summary>The stable problem code the API would answer if the caller took it.</summary>
    public string Code { get; init; } = string.Empty;
}
