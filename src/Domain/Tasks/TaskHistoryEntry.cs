namespace TaskOrchestration.Domain.Tasks;

/// <summary>One change to a task — a transition, an edit, an archiving — appended and never changed.</summary>
public sealed class TaskHistoryEntry
{
    private readonly List<FieldChange> _changes = [];

    private TaskHistoryEntry()
    {
    }

    private TaskHistoryEntry(Guid taskId, TaskHistoryKind kind, Guid actorId, DateTimeOffset occurredAt, string? reason)
    {
        Id = Guid.CreateVersion7(occurredAt);
        TaskId = taskId;
        Kind = kind;
        ActorId = actorId;
        OccurredAt = occurredAt;
        Reason = reason;
    }

    public Guid Id { get; private set; }

    public Guid TaskId { get; private set; }

    public TaskHistoryKind Kind { get; private set; }

    /// <summary>For transitions: the status before.</summary>
    public TaskItemStatus? From { get; private set; }

    /// <summary>For transitions: the status after.</summary>
    public TaskItemStatus? To { get; private set; }

    /// <summary>For transitions: the trigger fired.</summary>
    public TaskTrigger? Trigger { get; private set; }

    /// <summary>For edits: each field's old and new value.</summary>
    public IReadOnlyList<FieldChange> Changes => _changes.AsReadOnly();

    public Guid ActorId { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public string? Reason { get; private set; }

    internal static TaskHistoryEntry Transition(Guid taskId, TaskItemStatus from, TaskItemStatus to, TaskTrigger trigger, Guid actorId, DateTimeOffset at, string? reason) =>
        new(taskId, TaskHistoryKind.Transitioned, actorId, at, reason) { From = from, To = to, Trigger = trigger };

    internal static TaskHistoryEntry Edit(Guid taskId, IEnumerable<FieldChange> changes, Guid actorId, DateTimeOffset at, TaskHistoryKind kind = TaskHistoryKind.Edited)
    {
        var entry = new TaskHistoryEntry(taskId, kind, actorId, at, null);
        entry._changes.AddRange(changes);
        return entry;
    }

    internal static TaskHistoryEntry Of(Guid taskId, TaskHistoryKind kind, Guid actorId, DateTimeOffset at) =>
        new(taskId, kind, actorId, at, null);
}
