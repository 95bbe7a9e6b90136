using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// One worker process: claims runnable tasks up to its concurrency, runs each with its kind's handler, keeps its
/// lease (one for all its attempts) alive by heartbeat (cancelling a handler whose task was cancelled or reaped),
/// records each outcome, and on shutdown stops claiming, lets running handlers finish within the grace period, then
/// cancels and gives back the rest. A lost database connection is waited out: nothing is claimed meanwhile, and once
/// the lease it could not extend runs out the reaper requeues its tasks, so every task still ends once in a terminal
/// state. Handlers are cancelled here before that lease runs out (fencing), so that they have stopped by the time the
/// reaper lets another worker start the next attempt.
/// An idle worker sleeps until a slot frees, work is announced (<see cref="EngineWake"/>), a task's run-after
/// comes, or the poll interval passes, whichever is first.
/// </summary>
internal sealed partial class WorkerService(
    TaskQueue queue,
    LeaseHeartbeat heartbeat,
    WorkerLeaseClock lease,
    TaskKinds kinds,
    WorkerIdentity identity,
    EngineWake wake,
    IOptions<WorkerOptions> options,
    TimeProvider clock,
    ILogger<WorkerService> logger) : BackgroundService
{
    private readonly WorkerOptions _options = options.Value;
    private readonly ConcurrentDictionary<Guid, RunningAttempt> _running = new();
    // A signal, not a count (a slot freed, or work was announced): at most one wake-up is pending, so a waiter that
    // finds too few free slots sleeps again instead of spinning through one stored release per finished attempt.
    private readonly SemaphoreSlim _lookAgain = new(0, 1);
    // 1 when work was announced since the last claim began. It outlives waits for a slot: a worker woken while every
    // slot is busy claims when one frees, and not before.
    private int _announced;
    // Claims started, and claims whose tasks are in _running (one claim loop: they run one after another). A heartbeat
    // judges what it read held here only once every claim started before its read has put its tasks in _running.
    private long _claimsStarted;
    private long _claimsDone;
    // Set when shutdown begins: what the drain cancels, it gives back itself (not counted), and the heartbeat must not
    // take those attempts for lost (counted) in between.
    private volatile bool _draining;
    // The heartbeat's latest release of lost attempts, awaited at shutdown (the heartbeat's thread does not wait for it).
    private Task _releasingLost = Task.CompletedTask;
    private readonly Channel<PendingOutcome> _outcomes = Channel.CreateUnbounded<PendingOutcome>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The kinds this process claims: the configured ones, or every registered kind.</summary>
    public IReadOnlyList<string> ServedKinds => _options.ServedKinds(kinds);

    /// <summary>Refuses to start on a configured kind no handler serves: a misspelt kind would leave this process serving nothing, quietly.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var unknown = _options.Kinds.Where(kind => !kinds.Automated.Contains(kind, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Worker:Kinds names {string.Join(", ", unknown.Select(kind => $"'{kind}'"))}, which no handler serves (manual tasks are for people). The automated kinds: {string.Join(", ", kinds.Automated)}.");
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var served = ServedKinds;
        wake.OnAnnounced(kind =>
        {
            if (kind is null || served.Contains(kind, StringComparer.Ordinal))
            {
                Interlocked.Exchange(ref _announced, 1);
                LookAgain();
            }
        });
        await RetryUntilAsync(() => queue.RegisterAsync(served, stopped: false, stoppingToken), stoppingToken);
        LogStarted(logger, identity.Id, _options.Concurrency, served);

        using var heartbeatStop = new CancellationTokenSource();
        var heartbeats = RunOnOwnThread("engine-heartbeat", stop => HeartbeatLoop(served, stop), heartbeatStop.Token);
        var fence = RunOnOwnThread("engine-fence", FenceLoop, heartbeatStop.Token);
        var recorder = RecordOutcomesLoopAsync();
        try
        {
            await ClaimLoopAsync(served, stoppingToken);
        }
        finally
        {
            await DrainAsync();
            _outcomes.Writer.TryComplete();
            await recorder;
            await heartbeatStop.CancelAsync();
            await heartbeats;
            await fence;
            await _releasingLost;
            await RetryUntilAsync(() => queue.RegisterAsync(served, stopped: true, CancellationToken.None), CancellationToken.None, attempts: 3);
            LogStopped(logger, identity.Id);
        }
    }

    private async Task ClaimLoopAsync(IReadOnlyList<string> served, CancellationToken stoppingToken)
    {
        var failures = 0;
        var waitedForThreshold = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            var free = _options.Concurrency - _running.Count;
            if (free <= 0 || served.Count == 0)
            {
                await WaitForSlotAsync(stoppingToken);
                continue;
            }

            // One claim per freed slot would cost a transaction per task: wait (a moment, see ThresholdWait) until half
            // a batch is free, so that claims stay batches; short tasks free slots in bunches anyway.
            if (free < ClaimThreshold && !_running.IsEmpty && !waitedForThreshold)
            {
                waitedForThreshold = await WaitForFreeSlotsAsync(ClaimThreshold, stoppingToken) is false;
                continue;
            }

            waitedForThreshold = false;

            // Whatever was announced or freed until now, this claim answers (a NOTIFY comes after its commit, so the
            // claim sees the rows); what comes from now on may be too late for it, and signals again.
            Interlocked.Exchange(ref _announced, 0);
            _lookAgain.Wait(0, CancellationToken.None);
            IReadOnlyList<TaskRun> claimed;
            // No later than the instant the claim judges what is due by: what falls due after it, the sleep counts.
            var claimedAsOf = clock.GetUtcNow();
            Interlocked.Increment(ref _claimsStarted);
            try
            {
                try
                {
                    claimed = await queue.ClaimAsync(served, Math.Min(_options.BatchSize, free), [.. _running.Keys], stoppingToken);
                    failures = 0;
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogClaimFailed(logger, exception);
                    await DelayAsync(Backoff(++failures), stoppingToken);
                    continue;
                }

                foreach (var run in claimed)
                {
                    var attempt = new RunningAttempt(run);
                    _running[run.TaskId] = attempt;
                    attempt.Completion = RunAsync(attempt);
                }
            }
            finally
            {
                Interlocked.Increment(ref _claimsDone);
            }

            // A full batch suggests more work is waiting: claim again at once. Otherwise sleep until a slot frees, work
            // is announced, the next run-after comes, or the poll interval passes, whichever is first.
            if (claimed.Count < Math.Min(_options.BatchSize, free))
            {
                await SleepAsync(served, claimedAsOf, stoppingToken);
            }
        }
    }

    private async Task RunAsync(RunningAttempt attempt)
    {
        // Let the claim loop go on claiming while this attempt runs.
        await Task.Yield();
        var run = attempt.Run;
        TaskHandlerResult result;
        LogAttemptStarted(logger, run.Kind, run.TaskId, run.Attempt);
        try
        {
            result = await kinds.HandlerFor(run.Kind).HandleAsync(run, attempt.Cancellation.Token);
            attempt.HandlerReturned = true;
        }
        catch (OperationCanceledException) when (attempt.Cancellation.IsCancellationRequested)
        {
            // Cancelled or reaped: the outcome no longer counts. Shutting down: DrainAsync gives the task back.
            LogAttemptFinished(logger, run.Kind, run.TaskId, run.Attempt, "cancelled");
            Finish(attempt);
            return;
        }
        catch (Exception exception)
        {
            LogHandlerThrew(logger, exception, run.Kind, run.TaskId, run.Attempt);
            result = TaskHandlerResult.Failure($"{exception.GetType().Name}: {exception.Message}");
        }

        LogAttemptFinished(logger, run.Kind, run.TaskId, run.Attempt, result.Succeeded ? "succeeded" : "failed");
        if (attempt.Lost)
        {
            Finish(attempt);
            return;
        }

        var pending = new PendingOutcome(new AttemptOutcome(run.TaskId, run.Attempt, result));
        _outcomes.Writer.TryWrite(pending);
        attempt.Recorded = await pending.Recorded.Task;
        Finish(attempt);
    }

    /// <summary>
    /// Records outcomes as they come, all that are waiting in one transaction (up to <see cref="WorkerOptions.OutcomeBatchSize"/>):
    /// at a high rate of short tasks, one commit per task would cost more than the tasks. Runs until shutdown has
    /// recorded the last outcome.
    /// </summary>
    private async Task RecordOutcomesLoopAsync()
    {
        var batch = new List<PendingOutcome>(_options.OutcomeBatchSize);
        while (await _outcomes.Reader.WaitToReadAsync())
        {
            while (batch.Count < _options.OutcomeBatchSize && _outcomes.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            // Keep trying while the database is away: once it is back, either the leases still hold and the outcomes
            // are recorded, or the reaper requeued those tasks and their outcomes are dropped as stale.
            var recorded = false;
            try
            {
                await RetryUntilAsync(() => queue.FinishAsync([.. batch.Select(pending => pending.Outcome)], CancellationToken.None), CancellationToken.None, attempts: 60);
                recorded = true;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Given up: the heartbeat releases these attempts as lost (ReleaseLost), the reaper if this process dies.
                LogOutcomesLost(logger, exception, batch.Count);
            }

            foreach (var pending in batch)
            {
                pending.Recorded.TrySetResult(recorded);
            }

            batch.Clear();
        }
    }

    private void Finish(RunningAttempt attempt)
    {
        _running.TryRemove(attempt.Run.TaskId, out _);
        attempt.Cancellation.Dispose();
        LookAgain();
    }

    private void LookAgain()
    {
        if (_lookAgain.CurrentCount == 0)
        {
            try
            {
                _lookAgain.Release();
            }
            catch (SemaphoreFullException)
            {
                // Signalled at the same moment by another: one wake-up is enough.
            }
        }
    }

    /// <summary>
    /// After a claim that came back short: asks when the next run-after comes, then sleeps until a slot frees, work is
    /// announced, that time comes, or the poll interval passes. Not at all when work was announced during the claim.
    /// </summary>
    private async Task SleepAsync(IReadOnlyList<string> served, DateTimeOffset claimedAsOf, CancellationToken stoppingToken)
    {
        if (Volatile.Read(ref _announced) == 1)
        {
            return;
        }

        var sleep = _options.PollInterval;
        try
        {
            if (await queue.NextDueInAsync(served, claimedAsOf, stoppingToken) is { } nextDue && nextDue < sleep)
            {
                sleep = nextDue > TimeSpan.Zero ? nextDue : TimeSpan.Zero;
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The poll interval then; the claim that follows will tell whether the database is back.
            LogClaimFailed(logger, exception);
        }

        // Work announced meanwhile has signalled _lookAgain too, so this wait returns at once.
        LogIdle(logger, sleep);
        await WaitForSlotAsync(stoppingToken, sleep);
    }

    /// <summary>
    /// Every heartbeat interval, extends this worker's lease (<see cref="LeaseHeartbeat"/>: its own connection, blocking
    /// calls on this loop's own thread), cancels the attempts it no longer holds (cancelled by someone, or reaped while
    /// this process could not run), and releases the attempts it holds but no longer runs (see <see cref="ReleaseLost"/>).
    /// </summary>
    private void HeartbeatLoop(IReadOnlyList<string> served, CancellationToken stop)
    {
        var next = Stopwatch.GetTimestamp() + HeartbeatTicks;
        while (!stop.WaitHandle.WaitOne(TimeUntil(next)))
        {
            // A beat missed while this process could not run is not made up for with a burst: the next comes an interval on.
            next = Math.Max(next, Stopwatch.GetTimestamp()) + HeartbeatTicks;
            var attempts = _running.Values.ToList();
            var extendedFrom = Stopwatch.GetTimestamp();
            try
            {
                var held = heartbeat.Extend(served);
                lease.Renewed(extendedFrom);
                // A claim that committed before the heartbeat's read had started by now; one that starts later commits later.
                var claimsStartedByNow = Interlocked.Read(ref _claimsStarted);
                foreach (var attempt in attempts)
                {
                    if ((!held.TryGetValue(attempt.Run.TaskId, out var heldAttempt) || heldAttempt != attempt.Run.Attempt) && !attempt.Recorded)
                    {
                        LogLeaseLost(logger, attempt.Run.TaskId, attempt.Run.Attempt);
                        attempt.Lost = true;
                        attempt.RequestCancellation();
                    }
                }

                ReleaseLost(held, claimsStartedByNow);
            }
            catch (Exception exception)
            {
                // Whatever failed costs this beat, never the loop: the fence stops the handlers if no later beat succeeds.
                LogHeartbeatFailed(logger, exception);
            }
        }
    }

    /// <summary>
    /// Releases the attempts of <paramref name="held"/> (what the database says this worker holds) that no longer run
    /// here: fenced, or finished with an outcome that could not be recorded. The reaper would requeue them once the
    /// worker's lease ran out, but the heartbeat keeps that lease alive, so they are released as lost leases here
    /// (<see cref="TaskQueue.ReleaseLostAsync"/>: counted as a failed attempt). Only once every claim that may have
    /// committed before the heartbeat's read (those started by <paramref name="claimsStartedByNow"/>) has put its tasks
    /// in _running, which the claim in flight, if any, does within moments: waited for up to a second, or left to the
    /// next beat. Not while shutting down (the drain gives back what it cancelled). The release runs on the thread
    /// pool: the heartbeat's thread does not wait for the pool.
    /// </summary>
    private void ReleaseLost(IReadOnlyDictionary<Guid, int> held, long claimsStartedByNow)
    {
        if (_draining || !_releasingLost.IsCompleted || held.Keys.All(_running.ContainsKey))
        {
            return;
        }

        if (!SpinWait.SpinUntil(() => Interlocked.Read(ref _claimsDone) >= claimsStartedByNow, TimeSpan.FromSeconds(1)))
        {
            return;
        }

        // Read after the wait: every claim whose tasks the heartbeat may have read has put them here.
        var lost = held.Where(entry => !_running.ContainsKey(entry.Key)).Select(entry => (entry.Key, entry.Value)).ToList();
        if (lost.Count == 0)
        {
            return;
        }

        _releasingLost = Task.Run(async () =>
        {
            try
            {
                var released = await queue.ReleaseLostAsync(lost, CancellationToken.None);
                LogReleasedLost(logger, released);
            }
            catch (Exception exception)
            {
                // The next beat finds them again.
                LogReleaseLostFailed(logger, exception);
            }
        });
    }

    /// <summary>
    /// Every second, once the worker's lease has less than a heartbeat interval left (neither the heartbeat nor a claim
    /// could renew it: the database is out of reach, or the heartbeat itself hangs), cancels every handler: the lease
    /// holds all of them (<see cref="WorkerLeaseClock.Deadline"/>, on the monotonic clock, from the instant before the
    /// last renewal's statement, so it never lies past the lease the database holds), and once it runs out the reaper
    /// may hand their tasks to other workers, and two attempts of one task must never run at once. The interval of margin
    /// covers the handler's stopping and a skew between this machine's clock and the reaper's. Their outcome no
    /// longer counts; the reaper requeues them. On a thread of its own, as the heartbeat: a hung heartbeat call must
    /// not hold the fence up.
    /// </summary>
    private void FenceLoop(CancellationToken stop)
    {
        while (!stop.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
        {
            if (lease.Deadline - Stopwatch.GetTimestamp() >= HeartbeatTicks)
            {
                continue;
            }

            foreach (var attempt in _running.Values.Where(attempt => !attempt.HandlerReturned && !attempt.Lost))
            {
                LogFenced(logger, attempt.Run.TaskId, attempt.Run.Attempt);
                attempt.Lost = true;
                attempt.RequestCancellation();
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="loop"/> on a thread of its own, not the thread pool's: the leases' heartbeat and fence must
    /// run on time while handlers keep every pool thread busy. Completes when the loop returns.
    /// </summary>
    private static Task RunOnOwnThread(string name, Action<CancellationToken> loop, CancellationToken stop)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                loop(stop);
                ended.SetResult();
            }
            catch (Exception exception)
            {
                ended.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return ended.Task;
    }

    /// <summary>How long until the Stopwatch timestamp <paramref name="timestamp"/>; zero once it has passed.</summary>
    private static TimeSpan TimeUntil(long timestamp)
    {
        var now = Stopwatch.GetTimestamp();
        return Stopwatch.GetElapsedTime(now, Math.Max(timestamp, now));
    }

    private long HeartbeatTicks => (long)(_options.HeartbeatInterval.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Shutdown: running attempts get the grace period, then are cancelled; the unfinished are given back.</summary>
    private async Task DrainAsync()
    {
        _draining = true;
        var attempts = _running.Values.ToList();
        if (attempts.Count == 0)
        {
            return;
        }

        LogDraining(logger, attempts.Count, _options.ShutdownGrace);
        var all = Task.WhenAll(attempts.Select(attempt => attempt.Completion ?? Task.CompletedTask));
        await Task.WhenAny(all, Task.Delay(_options.ShutdownGrace));
        var unfinished = attempts.Where(attempt => !attempt.Recorded).ToList();
        foreach (var attempt in unfinished)
        {
            await attempt.CancelAsync();
        }

        await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5)));
        var giveBack = unfinished.Where(attempt => !attempt.Recorded && !attempt.Lost).Select(attempt => (attempt.Run.TaskId, attempt.Run.Attempt)).ToList();
        if (giveBack.Count > 0)
        {
            await RetryUntilAsync(
                async () =>
                {
                    var gaveBack = await queue.AbandonAsync(giveBack, CancellationToken.None);
                    LogGaveBack(logger, gaveBack);
                },
                CancellationToken.None,
                attempts: 3);
        }
    }

    /// <summary>Half a batch (at least one slot): the fewest free slots worth a claim while tasks are running.</summary>
    private int ClaimThreshold => Math.Max(1, Math.Min(_options.BatchSize, _options.Concurrency) / 2);

    /// <summary>
    /// How long a worker with some free slots waits for half a batch before it claims with what it has: the poll
    /// interval up to a second. The poll is a fallback now, seconds long; waiting that long would leave slots idle
    /// beside due work.
    /// </summary>
    private TimeSpan ThresholdWait => _options.PollInterval < TimeSpan.FromSeconds(1) ? _options.PollInterval : TimeSpan.FromSeconds(1);

    /// <summary>Waits until <paramref name="wanted"/> slots are free; false when <see cref="ThresholdWait"/> passed first.</summary>
    private async Task<bool> WaitForFreeSlotsAsync(int wanted, CancellationToken stoppingToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(ThresholdWait.TotalSeconds * Stopwatch.Frequency);
        while (_options.Concurrency - _running.Count < wanted)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero || stoppingToken.IsCancellationRequested)
            {
                return false;
            }

            await WaitForSlotAsync(stoppingToken, left);
        }

        return true;
    }

    private async Task WaitForSlotAsync(CancellationToken stoppingToken, TimeSpan? timeout = null)
    {
        try
        {
            await _lookAgain.WaitAsync(timeout ?? _options.PollInterval, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the loop ends.
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Waits after a failed database call: 0.5 s, 1 s, 2 s, … up to 10 s.</summary>
    private static TimeSpan Backoff(int failures) => TimeSpan.FromMilliseconds(Math.Min(10_000, 250 * Math.Pow(2, Math.Min(failures, 6))));

    private async Task RetryUntilAsync(Func<Task> action, CancellationToken cancellationToken, int attempts = int.MaxValue)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception exception) when (failures < attempts && !cancellationToken.IsCancellationRequested)
            {
                LogDatabaseCallFailed(logger, exception, failures);
                await DelayAsync(Backoff(failures), cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = EngineLogEvents.WorkerStarted, Level = LogLevel.Information, Message = "Worker {WorkerId} started: {Concurrency} at once, kinds: {Kinds}.")]
    private static partial void LogStarted(ILogger logger, string workerId, int concurrency, IReadOnlyList<string> kinds);

    // Per attempt, so Debug: at thousands of tasks a second they are for tracing one run, not for everyday logs.
    [LoggerMessage(EventId = EngineLogEvents.AttemptStarted, Level = LogLevel.Debug, Message = "Running {Kind} task {TaskId}, attempt {Attempt}.")]
    private static partial void LogAttemptStarted(ILogger logger, string kind, Guid taskId, int attempt);

    [LoggerMessage(EventId = EngineLogEvents.AttemptFinished, Level = LogLevel.Debug, Message = "Finished {Kind} task {TaskId}, attempt {Attempt}: {Outcome}.")]
    private static partial void LogAttemptFinished(ILogger logger, string kind, Guid taskId, int attempt, string outcome);

    // Debug: at most once per claim that found less than it could take; it says why a due task has not started yet.
    [LoggerMessage(EventId = EngineLogEvents.Idle, Level = LogLevel.Debug, Message = "Nothing more to claim; sleeping up to {Sleep} unless a slot frees or work is announced.")]
    private static partial void LogIdle(ILogger logger, TimeSpan sleep);

    [LoggerMessage(EventId = EngineLogEvents.WorkerStopped, Level = LogLevel.Information, Message = "Worker {WorkerId} stopped.")]
    private static partial void LogStopped(ILogger logger, string workerId);

    [LoggerMessage(EventId = EngineLogEvents.ClaimFailed, Level = LogLevel.Warning, Message = "Claiming tasks failed; trying again shortly.")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = EngineLogEvents.HandlerThrew, Level = LogLevel.Warning, Message = "The {Kind} handler threw on task {TaskId}, attempt {Attempt}.")]
    private static partial void LogHandlerThrew(ILogger logger, Exception exception, string kind, Guid taskId, int attempt);

    [LoggerMessage(EventId = EngineLogEvents.LeaseLost, Level = LogLevel.Information, Message = "Task {TaskId}, attempt {Attempt}: the lease is gone (cancelled or reaped); its handler is cancelled.")]
    private static partial void LogLeaseLost(ILogger logger, Guid taskId, int attempt);

    [LoggerMessage(EventId = EngineLogEvents.Fenced, Level = LogLevel.Warning, Message = "Task {TaskId}, attempt {Attempt}: its lease could not be extended in time; the handler is cancelled before another worker may take the task.")]
    private static partial void LogFenced(ILogger logger, Guid taskId, int attempt);

    [LoggerMessage(EventId = EngineLogEvents.HeartbeatFailed, Level = LogLevel.Warning, Message = "Extending leases failed; trying again at the next heartbeat.")]
    private static partial void LogHeartbeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = EngineLogEvents.OutcomesLost, Level = LogLevel.Error, Message = "Could not record {Count} outcomes; their tasks are requeued as lost leases.")]
    private static partial void LogOutcomesLost(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = EngineLogEvents.ReleasedLost, Level = LogLevel.Information, Message = "Released {Count} attempts held here that no longer run (fenced, or their outcome was not recorded): requeued as lost leases.")]
    private static partial void LogReleasedLost(ILogger logger, int count);

    [LoggerMessage(EventId = EngineLogEvents.ReleaseLostFailed, Level = LogLevel.Warning, Message = "Releasing attempts held here that no longer run failed; the next heartbeat tries again.")]
    private static partial void LogReleaseLostFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = EngineLogEvents.Draining, Level = LogLevel.Information, Message = "Shutting down with {Count} tasks running: they have {Grace} to finish.")]
    private static partial void LogDraining(ILogger logger, int count, TimeSpan grace);

    [LoggerMessage(EventId = EngineLogEvents.GaveBack, Level = LogLevel.Information, Message = "Gave back {Count} unfinished tasks.")]
    private static partial void LogGaveBack(ILogger logger, int count);

    [LoggerMessage(EventId = EngineLogEvents.DatabaseCallFailed, Level = LogLevel.Warning, Message = "A database call failed (failure {Failures}); trying again.")]
    private static partial void LogDatabaseCallFailed(ILogger logger, Exception exception, int failures);

    /// <summary>An outcome on its way to the database, and whether it got there.</summary>
    private sealed record PendingOutcome(AttemptOutcome Outcome)
    {
        public TaskCompletionSource<bool> Recorded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>One attempt this process runs.</summary>
    private sealed class RunningAttempt(TaskRun run)
    {
        public TaskRun Run { get; } = run;

        public CancellationTokenSource Cancellation { get; } = new();

        public Task? Completion { get; set; }

        /// <summary>Its outcome is in the database.</summary>
        public volatile bool Recorded;

        /// <summary>Cancelled, reaped or fenced: nothing of it counts any more.</summary>
        public volatile bool Lost;

        /// <summary>The handler has returned (its outcome may still be on its way to the database).</summary>
        public volatile bool HandlerReturned;

        public async Task CancelAsync()
        {
            try
            {
                await Cancellation.CancelAsync();
            }
            catch (ObjectDisposedException)
            {
                // Finished meanwhile.
            }
            catch (AggregateException)
            {
                // The handler's own cancellation callbacks threw: it is cancelled all the same; what it does next is its own.
            }
        }

        /// <summary>Cancels without waiting: the handler's cancellation callbacks run on the thread pool, not on the caller's thread.</summary>
        public void RequestCancellation() => _ = CancelAsync();
    }
}
