namespace TaskOrchestration.Domain.Tasks;

/// <summary>One transition of a task, appended and never changed.</summary>
public sealed class TaskHistoryEntry
{
    private TaskHistoryEntry()
    {
    }

    internal TaskHistoryEntry(Guid taskId, TaskItemStatus from, TaskItemStatus to, TaskTrigger trigger, Guid actorId, DateTimeOffset occurredAt, string? reason)
    {
        Id = Guid.CreateVersion7(occurredAt);
        TaskId = taskId;
        From = from;
        To = to;
        Trigger = trigger;
        ActorId = actorId;
        OccurredAt = occurredAt;
        Reason = reason;
    }

    public Guid Id { get; private set; }

    public Guid TaskId { get; private set; }

    public TaskItemStatus From { get; private set; }

    public TaskItemStatus To { get; private set; }

    public TaskTrigger Trigger { get; private set; }

    public Guid ActorId { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public string? Reason { get; private set; }
}
