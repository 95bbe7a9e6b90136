using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

/// <summary>A comment on the task was written, edited or deleted (<see cref="Change"/> says which).</summary>
public sealed record TaskCommented(Guid TaskId, Guid CommentId, CommentChange Change, Guid ActorId, DateTimeOffset OccurredAt) : ITaskEvent
{
    public EventType Type => EventType.TaskCommented;
}
