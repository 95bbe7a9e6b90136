namespace TaskOrchestration.Domain.Tasks;

/// <summary>A person a task is assigned to; when a task has assignees, only they may take it.</summary>
public sealed class TaskAssignee
{
    private TaskAssignee()
    {
    }

    internal TaskAssignee(Guid taskId, Guid userId, DateTimeOffset assignedAt)
    {
        TaskId = taskId;
        UserId = userId;
        AssignedAt = assignedAt;
    }

    public Guid TaskId { get; private set; }

    public Guid UserId { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }
}
