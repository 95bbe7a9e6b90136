using TaskOrchestration.Application.Common.Events;

namespace TaskOrchestration.Infrastructure.Events;

/// <summary>
/// An outbox event a dispatcher holds: its envelope, how many deliveries of it failed before, and whether the
/// dispatcher that held it before lost it with its lease (that delivery counts as failed).
/// </summary>
internal sealed record ClaimedEvent(EventEnvelope Envelope, int FailedAttempts, bool Lost = false);
