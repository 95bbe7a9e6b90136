using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.Infrastructure.Events;

/// <summary>The outbox dispatcher's settings (section <c>Outbox</c>); docs/configuration.md lists them.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Whether this worker process dispatches events (false: a process of its own, or another role, does).</summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>The most events one round delivers (one event per task in a round: later ones wait for it).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long an idle dispatcher waits before it looks again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed deliveries after which an event is parked (set aside until an admin replays it).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The first retry's nominal delay; it doubles per failure, with jitter (as the engine's retries).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest nominal delay between deliveries of one event.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>What a failed delivery does: retried after the backoff, or parked after <see cref="MaxAttempts"/>.</summary>
    public RetryRule Retry => new(MaxAttempts, new RetryBackoff(RetryBaseDelay, RetryMaxDelay));
}
