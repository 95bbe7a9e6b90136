using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Events;

/// <summary>
/// The dispatcher's statements against the outbox: claim (leased, heads of each task's queue only), acknowledge,
/// and record a failed delivery (retry later, or park). Several dispatchers run at once safely: claims skip rows
/// another holds, and a task's later events wait until its earlier ones are processed or parked.
/// </summary>
internal sealed class OutboxStore(IServiceScopeFactory scopes, WorkerIdentity dispatcher, IOptions<OutboxOptions> options, TimeProvider clock)
{
    private readonly OutboxOptions _options = options.Value;

    /// <summary>
    /// Takes up to <paramref name="limit"/> deliverable events, oldest first: pending, due, not held by another
    /// dispatcher (or held past its lease), and the earliest pending event of their task, so that each task's events
    /// are delivered one after the other, in order.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedEvent>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = clock.GetUtcNow();
        var rows = await db.Database.SqlQuery<ClaimedRow>($"""
            UPDATE outbox_messages AS message
            SET locked_by = {dispatcher.Id}, locked_until = {now + _options.LeaseDuration}
            FROM (
                SELECT candidate.id FROM outbox_messages AS candidate
                WHERE candidate.processed_at IS NULL AND candidate.parked_at IS NULL
                  AND candidate.available_at <= {now}
                  AND (candidate.locked_until IS NULL OR candidate.locked_until < {now})
                  AND NOT EXISTS (
                      SELECT 1 FROM outbox_messages AS earlier
                      WHERE earlier.task_id = candidate.task_id AND earlier.sequence < candidate.sequence
                        AND earlier.processed_at IS NULL AND earlier.parked_at IS NULL)
                ORDER BY candidate.sequence
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED) AS picked
            WHERE message.id = picked.id
            RETURNING message.sequence AS "Sequence", message.payload AS "Payload", message.attempts AS "Attempts"
            """).ToListAsync(cancellationToken);
        return [.. rows.OrderBy(row => row.Sequence).Select(row => new ClaimedEvent(JsonSerializer.Deserialize<EventEnvelope>(row.Payload, EventJson.Options)!, row.Attempts))];
    }

    /// <summary>Every consumer has these events: they are processed (the lease is ours, or a later claim's: either way they are done).</summary>
    public async Task AcknowledgeAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        if (eventIds.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        Guid[] ids = [.. eventIds];
        await db.Database.ExecuteSqlAsync($"""
            UPDATE outbox_messages SET processed_at = {clock.GetUtcNow()}, locked_by = NULL, locked_until = NULL
            WHERE id = ANY({ids}) AND processed_at IS NULL
            """, cancellationToken);
    }

    /// <summary>A delivery failed: the event waits out its backoff, or is parked once it has failed <see cref="OutboxOptions.MaxAttempts"/> times.</summary>
    /// <returns>True when the event was parked.</returns>
    public async Task<bool> FailAsync(ClaimedEvent claimed, string error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = clock.GetUtcNow();
        var attempts = claimed.FailedAttempts + 1;
        DateTimeOffset? parkedAt = attempts >= _options.MaxAttempts ? now : null;
        var availableAt = parkedAt ?? now + _options.Backoff.DelayAfter(attempts, Random.Shared);
        var message = error.Length > 2_000 ? error[..2_000] : error;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE outbox_messages
            SET attempts = {attempts}, last_error = {message}, available_at = {availableAt}, parked_at = {parkedAt},
                locked_by = NULL, locked_until = NULL
            WHERE id = {claimed.Envelope.Id} AND processed_at IS NULL
            """, cancellationToken);
        return parkedAt is not null;
    }

    private sealed class ClaimedRow
    {
        public long Sequence { get; init; }

        public string Payload { get; init; } = string.Empty;

        public int Attempts { get; init; }
    }
}
