namespace TaskOrchestration.Application.Common.Events;

/// <summary>
/// Something the outbox dispatcher delivers every event to (notifications, webhooks, live updates). Delivery is at
/// least once and in order per task; a consumer is made exactly-once by the dispatcher, which records the events it
/// consumed in the same transaction as what the consumer adds to the unit of work. So a consumer adds its effects
/// (through the repositories) and does not commit: the dispatcher does, with that record, or not at all.
/// </summary>
public interface IEventConsumer
{
    /// <summary>The consumer's stable name: the key of its record of consumed events. Never rename one in use.</summary>
    string Name { get; }

    /// <summary>Handles events it has not consumed before, oldest first. A throw retries them later (none is recorded).</summary>
    Task ConsumeAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken);
}
