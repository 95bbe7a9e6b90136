using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Events;

/// <summary>
/// Writes events into the outbox, in the caller's transaction and in the order they were raised: one statement
/// for a whole save or batch (sent with the batch's other statements), whose WITH ORDINALITY keeps that order for the sequence numbers (EF Core orders the
/// inserts of one save by key, not by when they were added). The one way both saves and the engine write events.
/// </summary>
internal static class OutboxWriter
{
    /// <summary>Adds the INSERT of <paramref name="events"/> to <paramref name="batch"/> (nothing when there are none).</summary>
    public static void Add(StatementBatch batch, IEnumerable<ITaskEvent> events)
    {
        var messages = events.Select(OutboxMessage.For).ToList();
        if (messages.Count == 0)
        {
            return;
        }

        Guid[] ids = [.. messages.Select(message => message.Id)];
        string[] types = [.. messages.Select(message => StoredEnumNames.CamelCase(message.Type))];
        Guid[] taskIds = [.. messages.Select(message => message.TaskId)];
        DateTimeOffset[] occurredAt = [.. messages.Select(message => message.OccurredAt)];
        string[] payloads = [.. messages.Select(message => message.Payload)];
        batch.Add(
            $"""
            INSERT INTO outbox_messages (id, type, task_id, occurred_at, payload, available_at, attempts)
            SELECT v.id, v.type, v.task_id, v.occurred_at, v.payload::jsonb, v.occurred_at, 0
            FROM unnest({ids}, {types}, {taskIds}, {occurredAt}, {payloads}) WITH ORDINALITY AS v(id, type, task_id, occurred_at, payload, position)
            ORDER BY v.position
            """);
    }
}
