using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

/// <summary>A task moved through its lifecycle; <see cref="Trigger"/> says how (published, taken, completed…).</summary>
public sealed record TaskTransitioned(
    Guid TaskId,
    TaskItemStatus From,
    TaskItemStatus To,
    TaskTrigger Trigger,
    Guid ActorId,
    DateTimeOffset OccurredAt,
    string? Reason) : IDomainEvent;
