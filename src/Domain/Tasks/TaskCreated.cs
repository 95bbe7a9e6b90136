using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

public sealed record TaskCreated(Guid TaskId, TaskItemStatus Status, Guid ActorId, DateTimeOffset OccurredAt) : ITaskEvent
{
    public EventType Type => EventType.TaskCreated;
}
