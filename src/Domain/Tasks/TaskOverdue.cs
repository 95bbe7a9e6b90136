using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

/// <summary>An open task passed its due date, <see cref="DueDate"/>; raised once per due date, by the overdue job.</summary>
public sealed record TaskOverdue(Guid TaskId, DateTimeOffset DueDate, Guid ActorId, DateTimeOffset OccurredAt) : ITaskEvent
{
    public EventType Type => EventType.TaskOverdue;
}
