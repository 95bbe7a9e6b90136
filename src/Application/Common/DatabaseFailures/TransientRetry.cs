using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.Application.Common.DatabaseFailures;

/// <summary>
/// How long work that may safely run again waits out a passing database failure (ADR 0023): the use cases through
/// <see cref="Behaviours.TransientFailureRetryBehaviour{TRequest, TResponse}"/>, and the read of a caller's access state
/// that every signed-in request makes before any use case runs.
/// </summary>
public static class TransientRetry
{
    /// <summary>Attempts in all, the first one included.</summary>
    public const int MaxAttempts = 5;

    /// <summary>Waits of 0.1–0.2, 0.2–0.4, 0.4–0.8 and 0.8–1.6 s between attempts: long enough in all to outlast a restart of the server.</summary>
    public static readonly RetryBackoff Backoff = new(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));
}
