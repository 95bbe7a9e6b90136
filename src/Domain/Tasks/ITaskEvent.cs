using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

/// <summary>Something that happened to one task, done by one actor: what the outbox publishes.</summary>
public interface ITaskEvent : IDomainEvent
{
    Guid TaskId { get; }

    Guid ActorId { get; }

    /// <summary>The published type of this event.</summary>
    EventType Type { get; }
}
