namespace TaskOrchestration.Infrastructure.Events;

/// <summary>
/// A consumer's record that it consumed an event, written in the same transaction as what it did with the event when
/// the consumers take a batch one by one (after one of them failed it; ADR 0016): a redelivered event (a dispatcher
/// died before acknowledging it) finds it and is skipped, so each consumer acts on each event once.
/// </summary>
internal sealed class ConsumedEvent(string consumer, Guid eventId, DateTimeOffset consumedAt)
{
    public string Consumer { get; private set; } = consumer;

    public Guid EventId { get; private set; } = eventId;

    public DateTimeOffset ConsumedAt { get; private set; } = consumedAt;
}
