using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Schedules;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Scheduling;

/// <summary>
/// The scheduler's statements against <c>schedule_runs</c>: claim a slot (the insert that wins runs it), keep a
/// run's heartbeat, record how it ended. Each is one short statement of its own (ADR 0021).
/// </summary>
internal sealed class ScheduleRunStore(IServiceScopeFactory scopes)
{
    /// <summary>How often a running job's heartbeat is written.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(10);

    /// <summary>A run without a heartbeat for this long was abandoned: its worker died (or lost the database) before it ended.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Claims <paramref name="slot"/> of <paramref name="job"/> for <paramref name="runner"/>, unless this slot or a
    /// later one was claimed already (a worker whose clock lags does not run a slot that a later one superseded), or
    /// a run of the job is still going on (runs of one job never overlap: the slot is claimed once that run ends, if
    /// it is still the latest). Of several workers claiming at once, the primary key lets one insert win.
    /// </summary>
    /// <returns>True when this runner won the slot and must run it.</returns>
    public async Task<bool> TryClaimAsync(string job, DateTimeOffset slot, string runner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO schedule_runs (job, slot, runner, started_at, heartbeat_at)
            SELECT {job}, {slot}, {runner}, {now}, {now}
            WHERE NOT EXISTS (
                SELECT 1 FROM schedule_runs
                WHERE job = {job} AND (slot >= {slot} OR (finished_at IS NULL AND heartbeat_at >= {now - AbandonedAfter})))
            ON CONFLICT (job, slot) DO NOTHING
            """,
            cancellationToken) == 1;
    }

    /// <summary>The run goes on: its heartbeat moves to <paramref name="now"/>.</summary>
    public async Task HeartbeatAsync(string job, DateTimeOffset slot, string runner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE schedule_runs SET heartbeat_at = {now}
            WHERE job = {job} AND slot = {slot} AND runner = {runner} AND finished_at IS NULL
            """,
            cancellationToken);
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
            SET finished_at = {now}, heartbeat_at = {now}, outcome = {stored}, summary = {keptSummary}, error = {keptError}
            WHERE job = {job} AND slot = {slot} AND runner = {runner}
            """,
            cancellationToken);
    }

    private static string? Cut(string? text) => text is { Length: > ScheduleRun.TextMaxLength } ? text[..ScheduleRun.TextMaxLength] : text;
}
