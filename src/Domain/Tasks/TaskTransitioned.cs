using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

/// <summary>
/// A task moved through its lifecycle; <see cref="Trigger"/> says how (published, taken, completed…). A failure,
/// requeue or cancellation carries its <see cref="Reason"/>; a completion its <see cref="Result"/>.
/// </summary>
public sealed record TaskTransitioned(
    Guid TaskId,
    TaskItemStatus From,
    TaskItemStatus To,
    TaskTrigger Trigger,
    Guid ActorId,
    DateTimeOffset OccurredAt,
    string? Reason,
    string? Result = null) : ITaskEvent
{
    public EventType Type => Trigger switch
    {
        TaskTrigger.Publish => EventType.TaskPublished,
        TaskTrigger.Take => EventType.TaskTaken,
        TaskTrigger.Complete => EventType.TaskCompleted,
        TaskTrigger.Fail => EventType.TaskFailed,
        TaskTrigger.Release => EventType.TaskReleased,
        TaskTrigger.Retry => EventType.TaskRetried,
        TaskTrigger.Requeue => EventType.TaskRequeued,
        TaskTrigger.Cancel => EventType.TaskCancelled,
        _ => throw new InvalidOperationException($"No event type for the trigger {Trigger}."),
    };
}
