using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

public sealed record TaskAssigned(Guid TaskId, IReadOnlyList<Guid> AssigneeIds, Guid ActorId, DateTimeOffset OccurredAt) : ITaskEvent
{
    public EventType Type => EventType.TaskAssigned;
}
