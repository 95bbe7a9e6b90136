using Microsoft.Extensions.Hosting;

namespace TaskOrchestration.Infrastructure.Hosting;

/// <summary>
/// The loop shared by the worker role's batch services (the outbox dispatcher, the email and webhook senders): a
/// round claims up to a batch and handles it; a full batch is followed at once by the next round, a short one by a
/// pause until its queue is announced (<see cref="QueueWake"/>: a commit gave it work) or the poll interval passed. A
/// round that throws (the database is away, say) is logged and tried again after 2, 4, 8… seconds, at most 30, so a
/// process outlives an outage without hammering the database. After a round that failed, and when it stops, it gives
/// back what it still holds.
/// </summary>
internal abstract class BatchPollingService : BackgroundService
{
    /// <summary>How long giving back what a service holds may take before it is left to the lease (the host's shutdown waits for it).</summary>
    public static readonly TimeSpan ReleasePatience = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The least time between the starts of two rounds when the second was woken by an announcement: an idle service
    /// answers the first announcement at once, a busy one gathers what comes in meanwhile into one round instead of a
    /// round per commit (each round costs a claim and a transaction). Real time,
    /// not <see cref="Clock"/>'s.
    /// </summary>
    public static readonly TimeSpan GatherInterval = TimeSpan.FromMilliseconds(50);

    private long _roundStarted;

    // Set when the queue is announced, and taken by the next pause, which then does not wait: work announced while a
    // round ran may have come after its claim.
    private int _announced;
    private TaskCompletionSource? _pause;

    protected BatchPollingService(TimeProvider clock, QueueWake wake, WokenQueues queue)
    {
        ArgumentNullException.ThrowIfNull(wake);
        Clock = clock;
        wake.OnAnnounced(queue, Announced);
    }

    /// <summary>The clock of the loop's pauses, for the rounds' own timestamps too.</summary>
    protected TimeProvider Clock { get; }

    /// <summary>Whether this process runs the service at all (its <c>Send</c>/<c>Dispatch</c> setting).</summary>
    protected abstract bool Enabled { get; }

    /// <summary>The most items one round claims.</summary>
    protected abstract int BatchSize { get; }

    /// <summary>How long an idle service waits before it looks again.</summary>
    protected abstract TimeSpan PollInterval { get; }

    /// <summary>One round: claim, handle, record. Answers how many items it claimed.</summary>
    protected abstract Task<int> RunRoundAsync(CancellationToken cancellationToken);

    /// <summary>Logs a round that failed; the loop goes on after a pause.</summary>
    protected abstract void LogRoundFailed(Exception exception);

    /// <summary>
    /// Gives back what this process still holds after a round that failed, and when it stops (a round cut short):
    /// another process may take it at once, and the attempt does not count as lost. Answers how many items it gave back.
    /// </summary>
    protected abstract Task<int> ReleaseHeldAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _roundStarted = System.Diagnostics.Stopwatch.GetTimestamp();
                var claimed = await RunRoundAsync(stoppingToken);
                failures = 0;
                if (claimed < BatchSize)
                {
                    await PauseAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogRoundFailed(exception);
                // What the round held and did not finish was not lost with this process: given back uncounted (when
                // the database answers; otherwise the next claim takes it as lost).
                await TryReleaseHeldAsync();
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, ++failures))), Clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        // No round runs any more: whatever this process holds now, nothing of it is in flight.
        await TryReleaseHeldAsync();
    }

    /// <summary>
    /// Waits for the queue's announcement or the poll interval, whichever comes first; not at all when it was announced
    /// since the last pause. A round an announcement starts waits out <see cref="GatherInterval"/> from the last one's start.
    /// </summary>
    private async Task PauseAsync(CancellationToken stoppingToken)
    {
        var pause = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _pause, pause);
        var announced = Interlocked.Exchange(ref _announced, 0) == 1;
        if (!announced)
        {
            using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            await Task.WhenAny(Task.Delay(PollInterval, Clock, poll.Token), pause.Task);
            // Stops the poll's timer when the announcement came first.
            await poll.CancelAsync();
            announced = pause.Task.IsCompleted;
        }

        if (announced && System.Diagnostics.Stopwatch.GetElapsedTime(_roundStarted) is var gathered && gathered < GatherInterval)
        {
            await Task.Delay(GatherInterval - gathered, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        Volatile.Write(ref _pause, null);
        Interlocked.Exchange(ref _announced, 0);
        stoppingToken.ThrowIfCancellationRequested();
    }

    private void Announced()
    {
        Volatile.Write(ref _announced, 1);
        Volatile.Read(ref _pause)?.TrySetResult();
    }

    private async Task TryReleaseHeldAsync()
    {
        try
        {
            using var patience = new CancellationTokenSource(ReleasePatience);
            await ReleaseHeldAsync(patience.Token);
        }
        catch (Exception exception)
        {
            // The next claim after this worker's lease takes them, as lost attempts.
            LogRoundFailed(exception);
        }
    }
}
