namespace TaskOrchestration.Domain.Common;

/// <summary>Something that happened to an aggregate, raised by the aggregate itself.</summary>
public interface IDomainEvent
{
    DateTimeOffset OccurredAt { get; }
}
