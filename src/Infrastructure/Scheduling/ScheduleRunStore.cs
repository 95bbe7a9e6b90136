using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Schedules;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Scheduling;

/// <summary>
/// The scheduler's statements against <c>schedule_runs</c>: claim a slot (the insert that wins runs it) and record how
/// the run ended. A run in progress is held by its runner's worker lease (<c>workers.lease_until</c>, ADR 0030), the
/// one every leased queue shares: a run without an end whose runner's lease ran out was abandoned (ADR 0021).
/// </summary>
internal sealed class ScheduleRunStore(IServiceScopeFactory scopes, WorkerLeaseRenewal leaseRenewal)
{
    /// <summary>
    /// Claims <paramref name="slot"/> of <paramref name="job"/> for <paramref name="runner"/>, unless this slot or a
    /// later one was claimed already (a worker whose clock lags does not run a slot that a later one superseded), or
    /// a run of the job is still going on in another worker (its runner's lease has not run out: runs of one job never
    /// overlap; the slot is claimed once that run ends, if it is still the latest). This runner's own unfinished runs
    /// do not count here: the scheduler knows what it runs, and a run whose end it could not record must not hold its
    /// job back for as long as the process lives. Of several workers claiming at once, the primary key
    /// lets one insert win. The runner's lease is renewed first when no renewal is recent, so the run is held from its start.
    /// </summary>
    /// <returns>True when this runner won the slot and must run it.</returns>
    public async Task<bool> TryClaimAsync(string job, DateTimeOffset slot, string runner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        await leaseRenewal.RenewIfDueAsync(db, cancellationToken);
        return await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO schedule_runs (job, slot, runner, started_at)
            SELECT {job}, {slot}, {runner}, {now}
            WHERE NOT EXISTS (
                SELECT FROM schedule_runs AS run
                WHERE run.job = {job} AND (run.slot >= {slot} OR (run.finished_at IS NULL AND run.runner <> {runner} AND EXISTS (
                    SELECT FROM workers WHERE workers.id = run.runner AND workers.lease_until >= {now}))))
            ON CONFLICT (job, slot) DO NOTHING
            """,
            cancellationToken) == 1;
    }

    /// <summary>Records how the run ended: succeeded with the job's summary, or failed with the error.</summary>
    public async Task FinishAsync(string job, DateTimeOffset slot, string runner, ScheduleRunOutcome outcome, string? summary, string? error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var stored = outcome.ToString().ToLowerInvariant();
        var keptSummary = Cut(summary);
        var keptError = Cut(error);
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE schedule_runs
            SET finished_at = {now}, outcome = {stored}, summary = {keptSummary}, error = {keptError}
            WHERE job = {job} AND slot = {slot} AND runner = {runner}
            """,
            cancellationToken);
    }

    private static string? Cut(string? text) => text is { Length: > ScheduleRun.TextMaxLength } ? text[..ScheduleRun.TextMaxLength] : text;
}
