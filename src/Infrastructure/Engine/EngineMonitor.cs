using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Queues;
using TaskOrchestration.Application.Workers;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>The engine as operators see it: worker registrations, per-kind counts, paused kinds.</summary>
internal sealed class EngineMonitor(ApplicationDbContext db) : IEngineMonitor
{
    public async Task<IReadOnlyList<WorkerDto>> ListWorkersAsync(DateTimeOffset since, DateTimeOffset lostBefore, CancellationToken cancellationToken)
    {
        var workers = await db.Workers.AsNoTracking()
            .Where(worker => worker.LastSeenAt >= since)
            .OrderByDescending(worker => worker.LastSeenAt)
            .ToListAsync(cancellationToken);
        var ids = workers.Select(worker => worker.Id).ToList();
        var running = await (
            from item in db.WorkItems.AsNoTracking()
            where item.LeasedBy != null && ids.Contains(item.LeasedBy)
            join task in db.Tasks.AsNoTracking() on item.Id equals task.Id
            select new { WorkerId = item.LeasedBy!, task.Id, task.Kind, task.Run.AttemptCount })
            .ToListAsync(cancellationToken);
        var byWorker = running.ToLookup(attempt => attempt.WorkerId);

        return [.. workers.Select(worker => new WorkerDto
        {
            Id = worker.Id,
            Host = worker.Host,
            ProcessId = worker.ProcessId,
            Kinds = worker.Kinds,
            Concurrency = worker.Concurrency,
            StartedAt = worker.StartedAt,
            LastSeenAt = worker.LastSeenAt,
            StoppedAt = worker.StoppedAt,
            Status = worker.StoppedAt is not null ? WorkerStatus.Stopped : worker.LastSeenAt < lostBefore ? WorkerStatus.Lost : WorkerStatus.Active,
            // One lease per worker holds all its attempts.
            Running = [.. byWorker[worker.Id].Select(attempt => new WorkerAttemptDto(attempt.Id, attempt.Kind, attempt.AttemptCount, worker.LeaseUntil))],
        })];
    }

    public async Task<IReadOnlyList<QueueDto>> ListQueuesAsync(IReadOnlyList<string> kinds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        string[] kindList = [.. kinds];
        // In SQL, because EF Core 10 fails at run time to translate the owned run state's run-after inside a group's
        // aggregate. A due task has waited since it became due: its run-after, or its creation when it had none.
        // Pending and running are the work items, unheld and held (a running task's row reads pending: ADR 0031),
        // retrying reads the tasks' failure reasons, dead the failed tasks. The columns are named as the snake_case
        // convention names QueueCounts' properties.
        var counts = (await db.Database.SqlQuery<QueueCounts>($"""
            SELECT task.kind AS kind,
                count(*) FILTER (WHERE task.status = 'pending' AND item.leased_by IS NULL)::int AS pending,
                count(*) FILTER (WHERE task.status = 'pending' AND item.leased_by IS NULL AND task.run_after > {now})::int AS scheduled,
                count(*) FILTER (WHERE task.status = 'pending' AND item.leased_by IS NULL AND task.failure_reason IS NOT NULL)::int AS retrying,
                count(*) FILTER (WHERE item.leased_by IS NOT NULL)::int AS running,
                count(*) FILTER (WHERE task.status = 'failed')::int AS dead,
                min(coalesce(task.run_after, task.created_at)) FILTER (WHERE task.status = 'pending' AND item.leased_by IS NULL AND (task.run_after IS NULL OR task.run_after <= {now})) AS oldest_due
            FROM tasks AS task LEFT JOIN work_items AS item ON item.id = task.id
            WHERE task.kind = ANY({kindList}) AND task.archived_at IS NULL AND task.status IN ('pending', 'failed')
            GROUP BY task.kind
            """).ToListAsync(cancellationToken)).ToDictionary(row => row.Kind, StringComparer.Ordinal);
        var paused = (await db.PausedKinds.AsNoTracking().Select(entry => entry.Kind).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

        return [.. kindList.Select(kind => counts.TryGetValue(kind, out var row)
            ? new QueueDto
            {
                Kind = kind,
                Paused = paused.Contains(kind),
                Pending = row.Pending,
                Scheduled = row.Scheduled,
                Retrying = row.Retrying,
                Running = row.Running,
                Dead = row.Dead,
                OldestPendingSeconds = row.OldestDue is { } oldest ? Math.Max(0, (now - oldest).TotalSeconds) : 0,
            }
            : new QueueDto { Kind = kind, Paused = paused.Contains(kind) })];
    }

    /// <summary>Pauses or resumes <paramref name="kind"/>; a resumed kind's tasks may be due, so idle workers are woken in the same statement (EngineWake).</summary>
    public async Task<bool> SetPausedAsync(string kind, bool paused, Guid actorId, DateTimeOffset now, CancellationToken cancellationToken) =>
        paused
            ? await db.Database.ExecuteSqlAsync($"INSERT INTO paused_kinds (kind, paused_by, paused_at) VALUES ({kind}, {actorId}, {now}) ON CONFLICT (kind) DO NOTHING", cancellationToken) > 0
            : await db.Database.SqlQuery<string>($"""
                WITH resumed AS (DELETE FROM paused_kinds WHERE kind = {kind} RETURNING kind)
                SELECT resumed.kind AS "Value" FROM resumed, LATERAL (SELECT pg_notify({EngineWake.Channel}, resumed.kind)) AS announced
                """).ToListAsync(cancellationToken) is [_];

    private sealed record QueueCounts(string Kind, int Pending, int Scheduled, int Retrying, int Running, int Dead, DateTimeOffset? OldestDue);
}
