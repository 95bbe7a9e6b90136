using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// When this worker process last renewed its lease (<see cref="WorkerLease"/>), on the monotonic clock: the instant
/// before the renewal's statement, so that the lease the database holds never ends before <see cref="Deadline"/>. The
/// heartbeat renews it every interval; a claim renews it only when the last renewal is older than one interval, so
/// that the claims of a busy worker, many a second, write nothing beyond their tasks.
/// </summary>
internal sealed class WorkerLeaseClock(IOptions<WorkerOptions> options)
{
    private readonly long _leaseTicks = (long)(options.Value.LeaseDuration.TotalSeconds * Stopwatch.Frequency);
    private readonly long _heartbeatTicks = (long)(options.Value.HeartbeatInterval.TotalSeconds * Stopwatch.Frequency);
    private long _renewedFrom;

    /// <summary>When the lease as last renewed runs out, as a Stopwatch timestamp (long past when it never was).</summary>
    public long Deadline => Volatile.Read(ref _renewedFrom) is var from and > 0 ? from + _leaseTicks : 0;

    /// <summary>Whether a claim starting at <paramref name="timestamp"/> renews the lease: none yet, or the last more than an interval before.</summary>
    public bool IsDueAt(long timestamp) => Volatile.Read(ref _renewedFrom) is var from && (from == 0 || timestamp - from > _heartbeatTicks);

    /// <summary>A renewal whose statement was sent after <paramref name="from"/> succeeded.</summary>
    public void Renewed(long from)
    {
        var seen = Volatile.Read(ref _renewedFrom);
        while (from > seen)
        {
            var before = Interlocked.CompareExchange(ref _renewedFrom, from, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }
}
