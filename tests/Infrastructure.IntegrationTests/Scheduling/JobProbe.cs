using System.Collections.Concurrent;
using TaskOrchestration.Application.Common.Scheduling;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Scheduling;

/// <summary>What the probe job did: every execution of its body, whatever scheduler (or provider) ran it.</summary>
internal sealed class JobProbe
{
    private int _executions;

    public int Executions => _executions;

    public ConcurrentQueue<DateTimeOffset> Slots { get; } = new();

    /// <summary>The job's body; by default it answers "ran" at once.</summary>
    public Func<DateTimeOffset, CancellationToken, Task<string>> Body { get; set; } = (_, _) => Task.FromResult("ran");

    public Task<string> RunAsync(DateTimeOffset slot, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _executions);
        Slots.Enqueue(slot);
        return Body(slot, cancellationToken);
    }
}

/// <summary>A scheduled job named "probe" that reports to the <see cref="JobProbe"/>.</summary>
internal sealed class ProbeJob(JobProbe probe) : IScheduledJob
{
    public const string JobName = "probe";

    public string Name => JobName;

    public Task<string> RunAsync(DateTimeOffset slot, CancellationToken cancellationToken) => probe.RunAsync(slot, cancellationToken);
}
