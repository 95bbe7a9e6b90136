using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

public sealed record TaskUpdated(Guid TaskId, Guid ActorId, DateTimeOffset OccurredAt) : IDomainEvent;
