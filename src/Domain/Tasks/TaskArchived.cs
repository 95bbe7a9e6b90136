using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

public sealed record TaskArchived(Guid TaskId, Guid ActorId, DateTimeOffset OccurredAt) : ITaskEvent
{
    public EventType Type => EventType.TaskArchived;
}
