using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Engine;

/// <summary>
/// The worker engine's decisions, kept apart from the SQL that locks rows and writes them (Infrastructure's
/// TaskQueue, which asks this class and does what it says): which attempt may still record an outcome, what an
/// outcome or a lost lease does to the task, when a failed attempt runs again, and which claimed candidates fairness
/// keeps. The task's lifecycle (Domain) says which moves are allowed and counts the attempts; this says which to make.
/// </summary>
/// <param name="backoff">When a failed attempt runs again.</param>
/// <param name="maxRunningPerCreator">Fairness: at most this many running tasks of one kind per submitter (0: no limit).</param>
/// <param name="random">Draws the backoff's jitter.</param>
public sealed class RunPolicy(RetryBackoff backoff, int maxRunningPerCreator, Random random)
{
    public const string LeaseExpiredReason = "The lease expired: the worker stopped, or lost the database, before it finished.";
    public const string OutputTooLongReason = "The handler's output is longer than a result may be.";

    // With a fairness limit a claim looks at this many candidates per slot, so that a batch is not left short when its
    // first candidates belong to one submitter (the extra rows stay locked only until the claim's transaction ends).
    private const int FairnessCandidatesPerSlot = 4;

    /// <summary>Fairness: at most this many running tasks of one kind per submitter (0: no limit).</summary>
    public int MaxRunningPerCreator { get; } = maxRunningPerCreator >= 0
        ? maxRunningPerCreator
        : throw new ArgumentOutOfRangeException(nameof(maxRunningPerCreator), "The limit is 0 (none) or more.");

    /// <summary>How many candidates a claim of <paramref name="slots"/> tasks reads and locks before fairness chooses among them.</summary>
    public int CandidatesFor(int slots) => MaxRunningPerCreator == 0 ? slots : slots * FairnessCandidatesPerSlot;

    /// <summary>
    /// The fencing rule: only the attempt that holds the lease changes its task. An outcome or a give-back of an
    /// attempt the task has moved past (cancelled, reaped, claimed again) no longer counts.
    /// </summary>
    public static bool Holds(TaskItem task, string workerId, int attempt)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.Status == TaskItemStatus.Running && task.Run.IsLeasedTo(workerId, attempt);
    }

    /// <summary>
    /// What an attempt's outcome does: a success completes the task with its output; a failure requeues it after the
    /// backoff while attempts remain, and fails it for good when trying again cannot help or none remain. An output
    /// too long to keep would be too long again: that fails for good, like a permanent failure.
    /// </summary>
    public void RecordOutcome(TaskItem task, TaskHandlerResult result, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Succeeded && result.Output is not { Length: > TaskItem.ResultMaxLength })
        {
            task.CompleteRun(result.Output, now);
            return;
        }

        var reason = result.Succeeded ? OutputTooLongReason : result.FailureReason ?? string.Empty;
        task.FailRun(reason, result.Retryable ? RetryTime(task.Run.AttemptCount, now) : null, now);
    }

    /// <summary>
    /// What a lease that ran out does (the worker died, froze, or lost the database): the attempt counts as failed
    /// and the task is requeued after the backoff, or fails for good when it has no attempts left.
    /// </summary>
    public void LoseLease(TaskItem task, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(task);
        task.FailRun(LeaseExpiredReason, RetryTime(task.Run.AttemptCount, now), now);
    }

    /// <summary>
    /// Which of the locked <paramref name="candidates"/> a claim of <paramref name="slots"/> takes: highest priority,
    /// then oldest, leaving out a submitter's tasks of a kind once it has <see cref="MaxRunningPerCreator"/> of them
    /// running (<paramref name="running"/>, this claim's picks counted as they are made).
    /// </summary>
    public IReadOnlyList<TaskItem> WithinFairShare(IReadOnlyList<TaskItem> candidates, IReadOnlyDictionary<(Guid CreatedBy, string Kind), int> running, int slots)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(running);
        var ordered = candidates.OrderByDescending(task => task.Priority).ThenBy(task => task.CreatedAt).ThenBy(task => task.Id);
        if (MaxRunningPerCreator == 0)
        {
            return [.. ordered.Take(slots)];
        }

        var counts = new Dictionary<(Guid, string), int>(running);
        var kept = new List<TaskItem>();
        foreach (var task in ordered)
        {
            var key = (task.CreatedBy, task.Kind);
            var count = counts.GetValueOrDefault(key);
            if (count < MaxRunningPerCreator && kept.Count < slots)
            {
                counts[key] = count + 1;
                kept.Add(task);
            }
        }

        return kept;
    }

    private DateTimeOffset RetryTime(int failedAttempt, DateTimeOffset now) => now + backoff.DelayAfter(failedAttempt, random);
}
