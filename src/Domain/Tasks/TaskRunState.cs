namespace TaskOrchestration.Domain.Tasks;

/// <summary>
/// How a task is run, attempt by attempt: the input its handler is given, the attempts it has had and may have, when
/// it may run next, and the worker's lease on the running attempt. Every task has one (a person's task has attempts
/// too: one, plus one per retry); only the engine's tasks have an input, a run-after time or a lease. The task changes
/// it only after its lifecycle allowed the transition (<see cref="TaskItem.StartRun"/>, <see cref="TaskItem.FailRun"/>...),
/// so a refused transition leaves it as it was. The kind and the outcome (result, failure reason) stay on the task:
/// the kind says whose workflow the task is in, and a person's Complete and Fail write the outcome as the engine's do.
/// </summary>
public sealed class TaskRunState
{
    private TaskRunState()
    {
    }

    /// <summary>The JSON an automated task's handler is given.</summary>
    public string? Input { get; private set; }

    /// <summary>The number of the current attempt: 1, plus one per retry.</summary>
    public int AttemptCount { get; private set; }

    /// <summary>How many attempts the engine makes before the task stays failed (1 for manual tasks).</summary>
    public int MaxAttempts { get; private set; }

    /// <summary>Not claimed by the engine before this time: set at submission, and after a failed attempt (backoff).</summary>
    public DateTimeOffset? RunAfter { get; private set; }

    /// <summary>The worker process that holds the running attempt of an automated task.</summary>
    public string? LeasedBy { get; private set; }

    /// <summary>
    /// Until when <see cref="LeasedBy"/> holds it: its worker's lease, which covers every attempt the worker runs and
    /// which its heartbeat extends (reaped when it passes). It lives on the worker's row, not the task's, so that a
    /// heartbeat writes one row per worker instead of one per running task: set by the claim, and on a task read
    /// from the database by <see cref="TaskItem.ShowHeldBy"/>; null when no worker holds the task.
    /// </summary>
    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    /// <summary>
    /// Whether <paramref name="workerId"/> holds the lease on attempt <paramref name="attempt"/>: an outcome or a
    /// give-back of any other attempt (cancelled, reaped, claimed again) no longer counts.
    /// </summary>
    public bool IsLeasedTo(string workerId, int attempt) => LeasedBy == workerId && AttemptCount == attempt;

    /// <summary>
    /// The retry rule: a failed attempt is tried again when the caller gives a time to try it at (null: trying again
    /// cannot help) and the task has attempts left.
    /// </summary>
    public bool WouldRetry(DateTimeOffset? retryAt) => retryAt is not null && AttemptCount < MaxAttempts;

    /// <summary>The first attempt: a person's task gets one, an automated task what <paramref name="automation"/> says.</summary>
    internal static TaskRunState First(TaskAutomation? automation) => new()
    {
        Input = automation?.Input,
        AttemptCount = 1,
        MaxAttempts = automation?.MaxAttempts ?? 1,
        RunAfter = automation?.RunAfter,
    };

    /// <summary><paramref name="workerId"/> holds the current attempt until <paramref name="until"/>.</summary>
    internal void StartLease(string workerId, DateTimeOffset until)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        LeasedBy = workerId;
        LeaseExpiresAt = until;
    }

    /// <summary>A task read from the database: <paramref name="workerId"/> holds it, as far as <paramref name="leaseUntil"/> (its worker's lease, if any).</summary>
    internal void ShowLease(string workerId, DateTimeOffset? leaseUntil)
    {
        LeasedBy = workerId;
        LeaseExpiresAt = leaseUntil;
    }

    /// <summary>No worker holds the task any more (the attempt ended, was given back, or the task was cancelled).</summary>
    internal void EndLease()
    {
        LeasedBy = null;
        LeaseExpiresAt = null;
    }

    /// <summary>
    /// The current attempt failed: the lease ends and, when <see cref="WouldRetry"/> says so, the next attempt is
    /// counted and waits until <paramref name="retryAt"/>; otherwise nothing else changes (the attempts are used up).
    /// </summary>
    /// <returns>Whether another attempt follows.</returns>
    internal bool RecordFailedAttempt(DateTimeOffset? retryAt)
    {
        EndLease();
        if (!WouldRetry(retryAt))
        {
            return false;
        }

        AttemptCount++;
        RunAfter = retryAt;
        return true;
    }

    /// <summary>
    /// A person retries the task: one more attempt, allowed even when the attempts were used up, due at once.
    /// </summary>
    internal void AllowAnotherAttempt()
    {
        AttemptCount++;
        MaxAttempts = Math.Max(MaxAttempts, AttemptCount);
        RunAfter = null;
    }
}
