namespace TaskOrchestration.Application.Engine;

/// <summary>
/// What a failed attempt of queued work (an outbox event, an email, a webhook delivery) does next: it waits out the
/// backoff and is tried again, or it is given up on, because it has failed <see cref="MaxAttempts"/> times or its
/// failure cannot pass. An attempt whose holder lost its lease (the process died, froze, or lost the database while
/// it held the item) counts as a failed attempt too, so that an item that kills every process trying it stops looping.
/// The queues' stores ask it and write what it says; the engine's tasks follow <see cref="RunPolicy"/>, whose retry
/// count is the task's own.
/// </summary>
/// <param name="MaxAttempts">Failed attempts after which the item is given up on.</param>
/// <param name="Backoff">How long a failed item waits before its next attempt.</param>
public sealed record RetryRule(int MaxAttempts, RetryBackoff Backoff)
{
    /// <summary>The error kept on an item whose attempt was lost with its holder's lease.</summary>
    public const string LeaseLostReason = "The lease ran out: the process holding it stopped, or lost the database, before it finished.";

    /// <summary>The decision after attempt number <paramref name="failedAttempts"/> (from 1) failed at <paramref name="now"/>.</summary>
    /// <param name="failedAttempts">Failed attempts so far, this one included.</param>
    /// <param name="mayPass">Whether trying again can help (a refused request or a malformed item will fail again).</param>
    /// <param name="now">When the attempt failed.</param>
    /// <param name="random">Draws the backoff's jitter.</param>
    public RetryDecision AfterFailure(int failedAttempts, bool mayPass, DateTimeOffset now, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        return mayPass && failedAttempts < MaxAttempts
            ? new RetryDecision(GivesUp: false, now + Backoff.DelayAfter(failedAttempts, random))
            : new RetryDecision(GivesUp: true, now);
    }
}

/// <summary>What <see cref="RetryRule"/> decided: try again at <paramref name="At"/>, or give up (at <paramref name="At"/>).</summary>
public readonly record struct RetryDecision(bool GivesUp, DateTimeOffset At);
