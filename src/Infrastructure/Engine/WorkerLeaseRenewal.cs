using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// A claim's first step outside the engine (the leased queues', the scheduler's): renews this worker's lease
/// (<see cref="WorkerLease.Renewal"/>) when no renewal is recent (<see cref="WorkerLeaseClock"/>: the heartbeat renews
/// it every interval), so that what the worker claims next is held from the start, the first claim of a process
/// before its heartbeat's first beat included. The engine's claim sends the same renewal inside its own round trip.
/// </summary>
internal sealed class WorkerLeaseRenewal(WorkerIdentity worker, WorkerLeaseClock lease, TaskKinds kinds, IOptions<WorkerOptions> options, TimeProvider clock)
{
    private readonly WorkerOptions _options = options.Value;

    public async Task RenewIfDueAsync(ApplicationDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Before the wall clock's now: the lease the renewal writes then ends no earlier than the one this process counts on.
        var startedAt = Stopwatch.GetTimestamp();
        if (!lease.IsDueAt(startedAt))
        {
            return;
        }

        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlRawAsync(
            WorkerLease.Renewal,
            WorkerLease.RenewalParameters(worker, _options.ServedKinds(kinds), _options.Concurrency, now, now + _options.LeaseDuration),
            cancellationToken);
        lease.Renewed(startedAt);
    }
}
