namespace TaskOrchestration.Application.Queues;

/// <summary>One kind of automated task as a queue: how many of its tasks are where, and whether it is paused.</summary>
public sealed class QueueDto
{
    /// <summary>The kind.</summary>
    public required string Kind { get; init; }

    /// <summary>Paused kinds are not claimed; their running tasks finish.</summary>
    public bool Paused { get; init; }

    /// <summary>Waiting to run (including scheduled and retrying ones).</summary>
    public int Pending { get; init; }

    /// <summary>Pending but not yet due (runAfter or a retry's backoff in the future).</summary>
    public int Scheduled { get; init; }

    /// <summary>Pending after a failed attempt, waiting for the next.</summary>
    public int Retrying { get; init; }

    /// <summary>Running now.</summary>
    public int Running { get; init; }

    /// <summary>Failed for good (out of attempts, or a failure no retry can mend); retry revives them.</summary>
    public int Dead { get; init; }

    /// <summary>How long the longest-waiting due task has waited, in seconds (0 when none is due).</summary>
    public double OldestPendingSeconds { get; init; }
}
