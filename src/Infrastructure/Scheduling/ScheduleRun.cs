using TaskOrchestration.Application.Schedules;

namespace TaskOrchestration.Infrastructure.Scheduling;

/// <summary>
/// One slot of one job, claimed by the worker that inserted it first: the primary key (job, slot) is the "each slot
/// runs once, across every worker" rule. The runner's worker lease tells a running run from an abandoned one.
/// </summary>
internal sealed class ScheduleRun
{
    public const int TextMaxLength = 2_000;

    private ScheduleRun()
    {
        Job = string.Empty;
        Runner = string.Empty;
    }

    public string Job { get; private set; }

    /// <summary>The scheduled instant it runs for (UTC).</summary>
    public DateTimeOffset Slot { get; private set; }

    /// <summary>The worker that claimed and runs it (<see cref="Engine.WorkerIdentity"/>).</summary>
    public string Runner { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Succeeded or failed; null until it finished.</summary>
    public ScheduleRunOutcome? Outcome { get; private set; }

    public string? Summary { get; private set; }

    public string? Error { get; private set; }

    /// <summary>
    /// Where the run stands at <paramref name="now"/>: its outcome, or running while its runner's lease
    /// (<paramref name="runnerLeaseUntil"/>; null when the runner has none, or no row) holds it, or abandoned.
    /// </summary>
    public ScheduleRunOutcome StandingAt(DateTimeOffset now, DateTimeOffset? runnerLeaseUntil) =>
        Outcome ?? (runnerLeaseUntil >= now ? ScheduleRunOutcome.Running : ScheduleRunOutcome.Abandoned);
}
