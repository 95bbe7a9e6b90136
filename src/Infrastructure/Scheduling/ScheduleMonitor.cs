using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Schedules;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Scheduling;

internal sealed class ScheduleMonitor(ScheduleTable schedules, ApplicationDbContext db) : IScheduleMonitor
{
    public async Task<IReadOnlyList<ScheduleDto>> ListAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        string[] names = [.. schedules.All.Select(schedule => schedule.Name)];
        // Each job's latest run, read backwards along the primary key (job, slot).
        var latest = await db.ScheduleRuns
            .FromSql($"SELECT DISTINCT ON (job) * FROM schedule_runs WHERE job = ANY({names}) ORDER BY job, slot DESC")
            .AsNoTracking()
            .ToDictionaryAsync(run => run.Job, StringComparer.OrdinalIgnoreCase, cancellationToken);
        // A run without an end is running while its runner's worker lease holds it (ADR 0030), abandoned after.
        string[] runners = [.. latest.Values.Where(run => run.FinishedAt is null).Select(run => run.Runner).Distinct(StringComparer.Ordinal)];
        var leases = runners.Length == 0
            ? new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal)
            : await db.Workers.AsNoTracking()
                .Where(worker => runners.Contains(worker.Id))
                .ToDictionaryAsync(worker => worker.Id, worker => worker.LeaseUntil, StringComparer.Ordinal, cancellationToken);

        return [.. schedules.All.Select(schedule => new ScheduleDto
        {
            Name = schedule.Name,
            Cron = schedule.Cron,
            TimeZone = schedule.TimeZone.Id,
            Enabled = schedule.Enabled,
            NextRunAt = schedule.Enabled ? schedule.NextSlotAfter(now) : null,
            LastRun = latest.TryGetValue(schedule.Name, out var run) ? ToDto(run, now, leases.GetValueOrDefault(run.Runner)) : null,
        })];
    }

    private static ScheduleRunDto ToDto(ScheduleRun run, DateTimeOffset now, DateTimeOffset? runnerLeaseUntil) => new()
    {
        Slot = run.Slot,
        StartedAt = run.StartedAt,
        FinishedAt = run.FinishedAt,
        Outcome = run.StandingAt(now, runnerLeaseUntil),
        Summary = run.Summary,
        Error = run.Error,
        Runner = run.Runner,
    };
}
