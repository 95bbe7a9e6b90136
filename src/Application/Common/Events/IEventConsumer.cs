namespace TaskOrchestration.Application.Common.Events;

/// <summary>
/// Something the outbox dispatcher delivers every event to (notifications, webhooks, live updates). Delivery is at
/// least once and in order per task; a consumer is made exactly-once by the dispatcher, which commits what the consumer
/// adds to the unit of work together with the events' acknowledgement (or, after another consumer threw, with its
/// record of the events it consumed). So a consumer adds its effects (through the repositories) and does not commit:
/// the dispatcher does, or not at all, and a consumer may be run again on a batch whose transaction was rolled back.
/// </summary>
public interface IEventConsumer
{
    /// <summary>The consumer's stable name: the key of its record of consumed events. Never rename one in use.</summary>
    string Name { get; }

    /// <summary>Handles events it has not consumed before, oldest first. A throw retries them later (none is recorded).</summary>
    Task ConsumeAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken);
}
