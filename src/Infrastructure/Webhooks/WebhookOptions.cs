using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.Infrastructure.Webhooks;

/// <summary>Outgoing webhooks' settings (section <c>Webhooks</c>); docs/configuration.md lists them.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>
    /// Let webhooks target internal networks (loopback, private, link-local, …: <see cref="InternalNetworks"/>). Off by
    /// default: a URL an admin registers must not reach the services behind the firewall (SSRF).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Whether this worker process sends deliveries (false: another process does).</summary>
    public bool Send { get; set; } = true;

    /// <summary>How long one attempt waits for the receiver's answer (connecting included).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts after which a delivery whose failures might have passed is given up (failed).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The first retry's nominal delay; it doubles per attempt, with jitter (<see cref="RetryBackoff"/>).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest nominal delay between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The most deliveries one sender claims (and sends at once) per round.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long an idle sender waits before it looks again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>What a failed attempt that may pass does: retried after the backoff, or failed after <see cref="MaxAttempts"/>.</summary>
    public RetryRule Retry => new(MaxAttempts, new RetryBackoff(RetryBaseDelay, RetryMaxDelay));
}
