using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Persistence;
using TaskOrchestration.Infrastructure.Persistence.Configurations;

namespace TaskOrchestration.Infrastructure.Events;

/// <summary>
/// The outbox (<c>outbox_messages</c>) as a <see cref="LeasedTable"/>, claimed at the head of each task's events:
/// claim, acknowledge, and record a failed delivery as <see cref="OutboxOptions.Retry"/> decides (retry
/// later, or park). Several dispatchers run at once safely: claims skip rows another holds, and a task's later events
/// wait until its earlier ones are processed or parked.
/// </summary>
internal sealed class OutboxStore(IServiceScopeFactory scopes, LeasedQueue queue, IOptions<OutboxOptions> options, TimeProvider clock)
{
    private static readonly LeasedTable Table = new(
        "outbox_messages",
        open: OutboxMessageConfiguration.PendingFilter,
        due: "available_at",
        order: "sequence",
        // Only the earliest pending event of its task, so that each task's events are delivered one after the other, in order.
        eligible: """
            NOT EXISTS (
                SELECT FROM outbox_messages AS earlier
                WHERE earlier.task_id = candidate.task_id AND earlier.sequence < candidate.sequence
                  AND earlier.processed_at IS NULL AND earlier.parked_at IS NULL)
            """,
        done: "processed_at",
        givenUp: "parked_at");

    private readonly OutboxOptions _options = options.Value;

    /// <summary>
    /// Takes up to <paramref name="limit"/> deliverable events, oldest first: pending, due, not held by a live
    /// dispatcher, and the earliest pending event of their task.
    /// </summary>
    public async Task<IReadOnlyList<ClaimedEvent>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var rows = await queue.ClaimAsync<ClaimedRow>(db, Table, limit, "item.sequence, item.payload", cancellationToken);
        return [.. rows.OrderBy(row => row.Sequence).Select(row => new ClaimedEvent(JsonSerializer.Deserialize<EventEnvelope>(row.Payload, EventJson.Options)!, row.Attempts, row.Lost))];
    }

    /// <summary>Gives back what this sender still holds, at shutdown.</summary>
    public async Task<int> ReleaseHeldAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await queue.ReleaseHeldAsync(db, Table, cancellationToken);
    }

    /// <summary>
    /// Every consumer has these events: they are processed. Only those this dispatcher still holds: one another
    /// dispatcher took meanwhile (this one lost its lease) was left out of this one's deliveries, and is its new holder's.
    /// </summary>
    public async Task AcknowledgeAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        if (eventIds.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        await queue.CompleteAsync(db, Table, eventIds, cancellationToken);
    }

    /// <summary>
    /// In the caller's transaction: marks processed the events of <paramref name="eventIds"/> this dispatcher still
    /// holds, locking them until it commits, and answers them; the others another dispatcher took meanwhile.
    /// </summary>
    public Task<List<Guid>> AcknowledgeHeldAsync(ApplicationDbContext db, IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken) =>
        queue.CompleteReturningIdsAsync(db, Table, eventIds, cancellationToken);

    /// <summary>In the caller's transaction: locks the events of <paramref name="eventIds"/> this dispatcher still holds, unprocessed, and answers them.</summary>
    public Task<List<Guid>> LockHeldAsync(ApplicationDbContext db, IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken) =>
        queue.LockHeldAsync(db, Table, eventIds, cancellationToken);

    /// <summary>A delivery failed: the event waits out its backoff, or is parked once it has failed <see cref="OutboxOptions.MaxAttempts"/> times.</summary>
    /// <returns>True when the event was parked.</returns>
    public async Task<bool> FailAsync(ClaimedEvent claimed, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        ArgumentNullException.ThrowIfNull(error);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var attempts = claimed.FailedAttempts + 1;
        var decision = _options.Retry.AfterFailure(attempts, mayPass: true, clock.GetUtcNow(), Random.Shared);
        await queue.RecordFailureAsync(db, Table, claimed.Envelope.Id, attempts, error, decision, cancellationToken);
        return decision.GivesUp;
    }

    private sealed class ClaimedRow : ILeasedRow
    {
        public Guid Id { get; init; }

        public int Attempts { get; init; }

        public bool Lost { get; init; }

        public long Sequence { get; init; }

        public string Payload { get; init; } = string.Empty;
    }
}
