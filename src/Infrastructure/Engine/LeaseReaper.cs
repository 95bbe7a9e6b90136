using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// Requeues the tasks whose lease expired (their worker crashed, was killed, or lost the database), counting the
/// attempt, and archives automated tasks that ended longer ago than Worker:FinishedRetention. Every worker process
/// runs one; SKIP LOCKED keeps them from handling the same task twice.
/// </summary>
internal sealed partial class LeaseReaper(TaskQueue queue, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<LeaseReaper> logger) : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReaperInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    int reaped;
                    do
                    {
                        reaped = await queue.ReapAsync(BatchSize, stoppingToken);
                        if (reaped > 0)
                        {
                            LogReaped(logger, reaped);
                        }
                    }
                    while (reaped == BatchSize);

                    if (options.Value.FinishedRetention > TimeSpan.Zero)
                    {
                        var endedBefore = clock.GetUtcNow() - options.Value.FinishedRetention;
                        int archived;
                        do
                        {
                            archived = await queue.ArchiveEndedAsync(endedBefore, BatchSize, stoppingToken);
                            if (archived > 0)
                            {
                                LogArchived(logger, archived);
                            }
                        }
                        while (archived == BatchSize);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogReapFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(EventId = EngineLogEvents.Reaped, Level = LogLevel.Information, Message = "Requeued {Count} tasks whose lease expired.")]
    private static partial void LogReaped(ILogger logger, int count);

    [LoggerMessage(EventId = EngineLogEvents.Archived, Level = LogLevel.Information, Message = "Archived {Count} automated tasks past Worker:FinishedRetention.")]
    private static partial void LogArchived(ILogger logger, int count);

    [LoggerMessage(EventId = EngineLogEvents.ReapFailed, Level = LogLevel.Warning, Message = "Looking for expired leases failed; trying again at the next interval.")]
    private static partial void LogReapFailed(ILogger logger, Exception exception);
}
