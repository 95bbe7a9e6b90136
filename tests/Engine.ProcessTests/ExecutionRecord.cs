namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>The attempts that the worker processes executed, from their logs, checked against what the database says.</summary>
public sealed class ExecutionRecord(IReadOnlyCollection<WorkerProcess> workers)
{
    private readonly List<AttemptEvent> _events = [.. workers.SelectMany(worker => worker.Attempts)];
    private readonly Dictionary<string, DateTimeOffset?> _killedAt = workers.ToDictionary(worker => worker.Name, worker => worker.KilledAt, StringComparer.Ordinal);

    /// <summary>
    /// Each execution: a start, and its end: the finish the process logged, or the moment it was killed, or null
    /// when it is still running.
    /// </summary>
    public IReadOnlyList<Execution> Executions => [.. _events.Where(e => e.IsStart).Select(start => new Execution(
        start.Worker,
        start.TaskId,
        start.Attempt,
        start.At,
        _events.FirstOrDefault(end => !end.IsStart && end.Worker == start.Worker && end.TaskId == start.TaskId && end.Attempt == start.Attempt)?.At
            ?? _killedAt[start.Worker]))];

    /// <summary>Fails when an attempt of a task was executed more than once, in one process or in several.</summary>
    public void AssertEachAttemptRanAtMostOnce()
    {
        var repeated = Executions.GroupBy(execution => (execution.TaskId, execution.Attempt)).Where(group => group.Count() > 1).ToList();
        Assert.True(repeated.Count == 0, $"{repeated.Count} attempts ran more than once, for example task {repeated.FirstOrDefault()?.Key.TaskId} attempt {repeated.FirstOrDefault()?.Key.Attempt} in {string.Join(", ", repeated.FirstOrDefault()?.Select(execution => execution.Worker) ?? [])}.");
    }

    /// <summary>
    /// Fails when two executions of one task overlapped in time (the next attempt began before the last one ended),
    /// except where the earlier attempt is one of <paramref name="reaped"/>: its lease ran out while its process
    /// could not run (frozen, or starved of CPU for longer than the lease's slack), the reaper gave the task to
    /// another worker, and its handler ran on until its process ran again and cancelled it. That is the one overlap
    /// the engine allows (docs/engine.md); such an attempt's outcome is never recorded, which the tests check by the
    /// task's single terminal transition and its attempt count.
    /// </summary>
    public void AssertNoTaskRanConcurrently(IReadOnlySet<(Guid TaskId, int Attempt)> reaped)
    {
        foreach (var task in Executions.GroupBy(execution => execution.TaskId))
        {
            var ordered = task.OrderBy(execution => execution.Attempt).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                var previous = ordered[i - 1];
                if (reaped.Contains((task.Key, previous.Attempt)))
                {
                    continue;
                }

                Assert.True(
                    previous.FinishedAt is not null && previous.FinishedAt <= ordered[i].StartedAt,
                    $"Task {task.Key}: attempt {ordered[i].Attempt} started in {ordered[i].Worker} at {ordered[i].StartedAt:O} before attempt {previous.Attempt} in {previous.Worker} ended ({previous.FinishedAt:O}), and no reaper took attempt {previous.Attempt}'s lease.");
            }
        }
    }

    /// <summary>
    /// Fails when a worker process ran more than <paramref name="concurrency"/> attempts at once. A process logs an
    /// attempt's start after taking its slot and its finish before giving the slot back, so the logged stretches
    /// overlap no more than the slots do; at equal timestamps a finish counts before a start.
    /// </summary>
    public void AssertAtMostAtOnceInEachProcess(int concurrency)
    {
        foreach (var worker in Executions.GroupBy(execution => execution.Worker))
        {
            var edges = worker
                .SelectMany(execution => new[] { (At: execution.StartedAt, Change: 1), (At: execution.FinishedAt ?? DateTimeOffset.MaxValue, Change: -1) })
                .OrderBy(edge => edge.At).ThenBy(edge => edge.Change);
            var (atOnce, most) = (0, 0);
            foreach (var edge in edges)
            {
                atOnce += edge.Change;
                most = Math.Max(most, atOnce);
            }

            Assert.True(most <= concurrency, $"{worker.Key} ran {most} attempts at once; its concurrency is {concurrency}.");
        }
    }
}

public sealed record Execution(string Worker, Guid TaskId, int Attempt, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt);
