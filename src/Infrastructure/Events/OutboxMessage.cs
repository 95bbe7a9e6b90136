using System.Text.Json;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Infrastructure.Events;

/// <summary>
/// One event in the transactional outbox: written in the transaction of the change that raised it, delivered by
/// <see cref="OutboxDispatcher"/> to every consumer, then marked processed (or parked after too many failures).
/// </summary>
internal sealed class OutboxMessage
{
    public OutboxMessage(Guid id, EventType type, Guid taskId, DateTimeOffset occurredAt, string payload)
    {
        Id = id;
        Type = type;
        TaskId = taskId;
        OccurredAt = occurredAt;
        Payload = payload;
        AvailableAt = occurredAt;
    }

    /// <summary>The outbox row of what a task raised: its envelope (the published shape) as the payload.</summary>
    public static OutboxMessage For(ITaskEvent taskEvent)
    {
        var envelope = EventEnvelopes.From(taskEvent);
        return new OutboxMessage(envelope.Id, envelope.Type, envelope.TaskId, envelope.OccurredAt, JsonSerializer.Serialize(envelope, EventJson.Options));
    }

    /// <summary>The event's id (the envelope's).</summary>
    public Guid Id { get; private set; }

    /// <summary>Insertion order: events of one task are delivered in this order.</summary>
    public long Sequence { get; private set; }

    public EventType Type { get; private set; }

    public Guid TaskId { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>The envelope as JSON (jsonb).</summary>
    public string Payload { get; private set; }

    /// <summary>Not delivered before this time: the backoff after a failed delivery.</summary>
    public DateTimeOffset AvailableAt { get; private set; }

    /// <summary>Failed deliveries so far.</summary>
    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The worker whose lease holds the event while its dispatcher delivers it (<c>workers.lease_until</c>).</summary>
    public string? LockedBy { get; private set; }

    /// <summary>When every consumer had it.</summary>
    public DateTimeOffset? ProcessedAt { get; private set; }

    /// <summary>When it was set aside after too many failed deliveries; an admin may replay it.</summary>
    public DateTimeOffset? ParkedAt { get; private set; }
}
