using System.Collections.Concurrent;
using TaskOrchestration.Application.Common.Scheduling;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Scheduling;

/// <summary>What the probe job did: every execution of its body, whatever scheduler (or provider) ran it.</summary>
internal sealed class JobProbe
{
    private int _executions;

    public int Executions => _executions;

    /// <summary>The instants of the slots it ran, in order.</summary>
    public ConcurrentQueue<DateTimeOffset> Slots { get; } = new();

    /// <summary>What it was told of each slot it ran (the previous slot, the zone), in order.</summary>
    public ConcurrentQueue<ScheduledSlot> Told { get; } = new();

    /// <summary>The job's body; by default it answers "ran" at once.</summary>
    public Func<DateTimeOffset, CancellationToken, Task<string>> Body { get; set; } = (_, _) => Task.FromResult("ran");

    /// <summary>How many changes each run reports; by default one.</summary>
    public int Changes { get; set; } = 1;

    public async Task<JobRunSummary> RunAsync(ScheduledSlot slot, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _executions);
        Slots.Enqueue(slot.At);
        Told.Enqueue(slot);
        return new JobRunSummary(await Body(slot.At, cancellationToken), Changes);
    }
}

/// <summary>A scheduled job named "probe" that reports to the <see cref="JobProbe"/>.</summary>
internal sealed class ProbeJob(JobProbe probe) : IScheduledJob
{
    public const string JobName = "probe";

    public Task<JobRunSummary> RunAsync(ScheduledSlot slot, CancellationToken cancellationToken) => probe.RunAsync(slot, cancellationToken);
}
