namespace TaskOrchestration.Application.Engine;

/// <summary>
/// How long a failed attempt waits before the next one: exponential, capped, with "equal jitter" so that tasks that
/// failed together do not all come back at the same instant. After attempt n the nominal delay is
/// min(<see cref="BaseDelay"/> × 2^(n−1), <see cref="MaxDelay"/>); the actual delay is drawn uniformly from
/// [nominal / 2, nominal]. With the defaults (10 s, 1 h): 5–10 s, 10–20 s, 20–40 s, … up to 30–60 min.
/// </summary>
public sealed record RetryBackoff(TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static readonly RetryBackoff Default = new(TimeSpan.FromSeconds(10), TimeSpan.FromHours(1));

    /// <summary>The wait after attempt number <paramref name="failedAttempt"/> (from 1); <paramref name="random"/> draws the jitter.</summary>
    public TimeSpan DelayAfter(int failedAttempt, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempt, 1);
        ArgumentNullException.ThrowIfNull(random);
        // 2^30 × any base is already past every sensible cap; the exponent stops there so the double stays finite.
        var nominal = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failedAttempt - 1, 30)), MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((nominal / 2) + (random.NextDouble() * nominal / 2));
    }
}
