using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Infrastructure.Hosting;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Events;

/// <summary>
/// Delivers the outbox to every <see cref="IEventConsumer"/>: claims a batch of events and, as a rule, hands it to
/// every consumer in one transaction that also marks the events processed, so their effects and the acknowledgement
/// commit together, once. When that fails (a consumer threw), each consumer gets the batch in a transaction of its
/// own that records what it consumed, and a consumer that fails a batch is given its events one by one, so one poison
/// event does not hold back the rest; an event that keeps failing is retried with backoff and parked after
/// <see cref="OutboxOptions.MaxAttempts"/>. At least once, in order per task, exactly once per consumer (ADR 0016).
/// Runs in the worker role; any number of instances share the work.
/// </summary>
internal sealed partial class OutboxDispatcher(
    OutboxStore store,
    IServiceScopeFactory scopes,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    QueueWake wake,
    ILogger<OutboxDispatcher> logger) : BatchPollingService(clock, wake, WokenQueues.Outbox)
{
    private readonly OutboxOptions _options = options.Value;

    protected override bool Enabled => _options.Dispatch;

    protected override int BatchSize => _options.BatchSize;

    protected override TimeSpan PollInterval => _options.PollInterval;

    protected override Task<int> RunRoundAsync(CancellationToken cancellationToken) => DispatchOnceAsync(cancellationToken);

    protected override void LogRoundFailed(Exception exception) => LogDispatchFailed(logger, exception);

    protected override Task<int> ReleaseHeldAsync(CancellationToken cancellationToken) => store.ReleaseHeldAsync(cancellationToken);

    /// <summary>One round: claim, deliver, acknowledge. Answers how many events it claimed.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var all = await store.ClaimAsync(_options.BatchSize, cancellationToken);
        if (all.Count == 0)
        {
            return 0;
        }

        // An event whose dispatcher stopped (or lost the database) while it held it: that delivery counts as failed.
        foreach (var lost in all.Where(item => item.Lost))
        {
            // Not cancelled by a stop: the event would be given back uncounted, and the lost delivery never counted.
            if (await store.FailAsync(lost, RetryRule.LeaseLostReason, CancellationToken.None))
            {
                LogParked(logger, lost.Envelope.Id, lost.Envelope.Type.ToString(), lost.FailedAttempts + 1);
            }
        }

        List<ClaimedEvent> claimed = [.. all.Where(item => !item.Lost)];
        if (claimed.Count == 0)
        {
            return all.Count;
        }

        var failed = await DeliverAndAcknowledgeAsync(claimed, cancellationToken);
        LogDispatched(logger, claimed.Count, failed.Count);
        return all.Count;
    }

    /// <summary>
    /// Delivers claimed events and records how each went: processed, or failed (retried later, or parked). Answers the
    /// ids of those some consumer failed, with the error.
    /// </summary>
    public async Task<Dictionary<Guid, string>> DeliverAndAcknowledgeAsync(IReadOnlyList<ClaimedEvent> claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        if (await DeliverAtOnceAsync(claimed, cancellationToken))
        {
            return [];
        }

        var failed = await DeliverAsync(claimed, cancellationToken);
        await store.AcknowledgeAsync([.. claimed.Where(item => !failed.ContainsKey(item.Envelope.Id)).Select(item => item.Envelope.Id)], cancellationToken);
        foreach (var item in claimed.Where(item => failed.ContainsKey(item.Envelope.Id)))
        {
            if (await store.FailAsync(item, failed[item.Envelope.Id], cancellationToken))
            {
                LogParked(logger, item.Envelope.Id, item.Envelope.Type.ToString(), item.FailedAttempts + 1);
            }
        }

        return failed;
    }

    /// <summary>
    /// The rule, in one transaction: acknowledges the events this dispatcher still holds (which locks them) and hands
    /// them to every consumer, whose effects commit with the acknowledgement or not at all, so no record of consumed
    /// events is written. Events another dispatcher took meanwhile (this one lost its lease) are left to it. Answers
    /// false, having changed nothing, when a consumer threw, or some consumer already consumed one of the events (a
    /// delivery consumer by consumer that did not finish): then <see cref="DeliverAsync"/> takes the batch.
    /// </summary>
    private async Task<bool> DeliverAtOnceAsync(IReadOnlyList<ClaimedEvent> claimed, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var consumers = scope.ServiceProvider.GetServices<IEventConsumer>().ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var held = (await store.AcknowledgeHeldAsync(db, [.. claimed.Select(item => item.Envelope.Id)], cancellationToken)).ToHashSet();
            // Read after the acknowledgement has locked the events: a delivery consumer by consumer that held them
            // before has committed by now, and what it recorded is seen.
            Guid[] heldIds = [.. held];
            string[] names = [.. consumers.Select(consumer => consumer.Name)];
            if (held.Count > 0 && await db.ConsumedEvents.AnyAsync(consumed => names.Contains(consumed.Consumer) && heldIds.Contains(consumed.EventId), cancellationToken))
            {
                return false;
            }

            List<EventEnvelope> events = [.. claimed.Select(item => item.Envelope).Where(envelope => held.Contains(envelope.Id))];
            if (events.Count > 0)
            {
                foreach (var consumer in consumers)
                {
                    await consumer.ConsumeAsync(events, cancellationToken);
                }

                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Rolled back as the transaction is disposed.
            LogDeliveringByConsumer(logger, exception, claimed.Count);
            return false;
        }

        // Outside the try: a commit that fails may still have committed, and the batch must not be delivered again. The
        // round fails instead, and what this dispatcher still holds is given back (nothing, if it committed). Not
        // cancelled by a stop: the work is done, and a commit cut short would only have it done again.
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    /// <summary>Hands the events to every consumer; answers the ids of those some consumer failed, with the error.</summary>
    public async Task<Dictionary<Guid, string>> DeliverAsync(IReadOnlyList<ClaimedEvent> claimed, CancellationToken cancellationToken)
    {
        var failed = new Dictionary<Guid, string>();
        foreach (var consumer in ConsumerNames())
        {
            // An event another consumer failed is still given to this one: each records its own progress, so the
            // retry only repeats the consumers that did not have it.
            var events = claimed.Select(item => item.Envelope).ToList();
            try
            {
                await ConsumeAsync(consumer, events, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (events.Count == 1)
                {
                    Fail(failed, consumer, events[0], exception);
                    continue;
                }

                // Find the poison: one event at a time.
                foreach (var single in events)
                {
                    try
                    {
                        await ConsumeAsync(consumer, [single], cancellationToken);
                    }
                    catch (Exception singleException) when (singleException is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                    {
                        Fail(failed, consumer, single, singleException);
                    }
                }
            }
        }

        return failed;
    }

    private void Fail(Dictionary<Guid, string> failed, string consumer, EventEnvelope envelope, Exception exception)
    {
        LogDeliveryFailed(logger, exception, envelope.Id, envelope.Type.ToString(), consumer);
        failed.TryAdd(envelope.Id, $"{consumer}: {exception.GetType().Name}: {exception.Message}");
    }

    private List<string> ConsumerNames()
    {
        using var scope = scopes.CreateScope();
        return [.. scope.ServiceProvider.GetServices<IEventConsumer>().Select(consumer => consumer.Name)];
    }

    /// <summary>
    /// In one transaction: leaves out the events this dispatcher no longer holds and those this consumer already
    /// consumed, lets it add its effects for the others (and run its own statements), and records them as consumed.
    /// </summary>
    private async Task ConsumeAsync(string consumerName, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var consumer = scope.ServiceProvider.GetServices<IEventConsumer>().Single(candidate => candidate.Name == consumerName);
        // One transaction for all of it, statements the consumer runs itself included (the live-update consumer's
        // NOTIFY is sent on commit, and only then). It first locks the events this dispatcher still holds: another
        // dispatcher that took them meanwhile (this one lost its lease) delivers them, and while this transaction runs,
        // another's acknowledgement waits for it and then sees its record.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var held = await store.LockHeldAsync(db, [.. events.Select(envelope => envelope.Id)], cancellationToken);
        Guid[] ids = [.. held];
        var done = await db.ConsumedEvents.AsNoTracking()
            .Where(consumed => consumed.Consumer == consumerName && ids.Contains(consumed.EventId))
            .Select(consumed => consumed.EventId)
            .ToListAsync(cancellationToken);
        var fresh = events.Where(envelope => held.Contains(envelope.Id) && !done.Contains(envelope.Id)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        var now = Clock.GetUtcNow();
        db.ConsumedEvents.AddRange(fresh.Select(envelope => new ConsumedEvent(consumerName, envelope.Id, now)));
        await consumer.ConsumeAsync(fresh, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        // Not cancelled by a stop, as above.
        await transaction.CommitAsync(CancellationToken.None);
    }

    [LoggerMessage(EventId = EventLogEvents.DispatchFailed, Level = LogLevel.Warning, Message = "Dispatching the outbox failed; trying again shortly.")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = EventLogEvents.DeliveringByConsumer, Level = LogLevel.Debug, Message = "Delivering {Count} events to all consumers at once failed; delivering them consumer by consumer.")]
    private static partial void LogDeliveringByConsumer(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = EventLogEvents.DeliveryFailed, Level = LogLevel.Warning, Message = "Event {EventId} ({Type}) failed in consumer {Consumer}; it is retried later.")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, Guid eventId, string type, string consumer);

    [LoggerMessage(EventId = EventLogEvents.EventParked, Level = LogLevel.Error, Message = "Event {EventId} ({Type}) failed {Attempts} times and is parked; an admin can replay it.")]
    private static partial void LogParked(ILogger logger, Guid eventId, string type, int attempts);

    [LoggerMessage(EventId = EventLogEvents.Dispatched, Level = LogLevel.Debug, Message = "Dispatched {Count} events ({Failed} failed).")]
    private static partial void LogDispatched(ILogger logger, int count, int failed);
}
