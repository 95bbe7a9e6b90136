using TaskOrchestration.Application.Common.Events;

namespace TaskOrchestration.Infrastructure.Events;

/// <summary>An outbox event a dispatcher holds: its envelope, and how many deliveries of it failed before.</summary>
internal sealed record ClaimedEvent(EventEnvelope Envelope, int FailedAttempts);
