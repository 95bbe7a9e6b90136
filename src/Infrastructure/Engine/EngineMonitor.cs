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
        var running = await db.Tasks.AsNoTracking()
            .Where(task => task.Status == TaskItemStatus.Running && task.Run.LeasedBy != null && ids.Contains(task.Run.LeasedBy))
            .Select(task => new { WorkerId = task.Run.LeasedBy!, task.Id, task.Kind, task.Run.AttemptCount, task.Run.LeaseExpiresAt })
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
            Running = [.. byWorker[worker.Id].Select(attempt => new WorkerAttemptDto(attempt.Id, attempt.Kind, attempt.AttemptCount, attempt.LeaseExpiresAt))],
        })];
    }

    public async Task<IReadOnlyList<QueueDto>> ListQueuesAsync(IReadOnlyList<string> kinds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kindList = kinds.ToList();
        var counts = await db.Tasks.AsNoTracking()
            .Where(task => kindList.Contains(task.Kind) && task.ArchivedAt == null
                && (task.Status == TaskItemStatus.Pending || task.Status == TaskItemStatus.Running || task.Status == TaskItemStatus.Failed))
            .GroupBy(task => task.Kind)
            .Select(group => new
            {
                Kind = group.Key,
                Pending = group.Count(task => task.Status == TaskItemStatus.Pending),
                Scheduled = group.Count(task => task.Status == TaskItemStatus.Pending && task.Run.RunAfter > now),
                Retrying = group.Count(task => task.Status == TaskItemStatus.Pending && task.FailureReason != null),
                Running = group.Count(task => task.Status == TaskItemStatus.Running),
                Dead = group.Count(task => task.Status == TaskItemStatus.Failed),
                // A due task has waited since it became due: its runAfter, or its creation when it had none.
                OldestDue = group
                    .Where(task => task.Status == TaskItemStatus.Pending && (task.Run.RunAfter == null || task.Run.RunAfter <= now))
                    .Min(task => (DateTimeOffset?)(task.Run.RunAfter ?? task.CreatedAt)),
            })
            .ToDictionaryAsync(row => row.Kind, cancellationToken);
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
}
