using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.Infrastructure.Email;

/// <summary>How email leaves the system (section <c>Email</c>); docs/configuration.md lists every setting.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>Where emails go: into a pickup folder as .eml files (the default, safe for development), or to an SMTP server.</summary>
    public EmailDelivery Delivery { get; set; } = EmailDelivery.PickupFolder;

    /// <summary>The sender, as an address or "Name &lt;address&gt;".</summary>
    public string From { get; set; } = "TaskOrchestration <noreply@taskorchestration.local>";

    /// <summary>The folder pickup delivery writes to; empty means TaskOrchestration/mail-pickup under the user's local application data.</summary>
    public string? PickupFolder { get; set; }

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>How long one SMTP exchange (connect, authenticate, send) may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether this worker process sends the queued emails (false: another process does).</summary>
    public bool Send { get; set; } = true;

    /// <summary>The most emails one claim takes.</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>How long an idle sender waits before it looks at the queue again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Failed attempts after which an email is given up on (kept, with its last error).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's nominal delay; it doubles per failure, with jitter (as the engine's retries).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest nominal delay between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>What a failed attempt does: retried after the backoff, or given up on after <see cref="MaxAttempts"/>.</summary>
    public RetryRule Retry => new(MaxAttempts, new RetryBackoff(RetryBaseDelay, RetryMaxDelay));

    public string ResolvedPickupFolder => string.IsNullOrWhiteSpace(PickupFolder)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "TaskOrchestration", "mail-pickup")
        : PickupFolder;
}

/// <summary>Where emails go.</summary>
public enum EmailDelivery
{
    /// <summary>Written as .eml files into <see cref="EmailOptions.PickupFolder"/> (development; or a local mail agent's pickup directory).</summary>
    PickupFolder,

    /// <summary>Sent to the SMTP server of <see cref="EmailOptions.Smtp"/>.</summary>
    Smtp,
}

/// <summary>The SMTP server (section <c>Email:Smtp</c>).</summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>Signs in with this name and <see cref="Password"/> when set; sends anonymously otherwise.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>How the connection is secured: StartTls (the default: TLS required), SslOnConnect (port 465), Auto, or None (a local relay or a test server only).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
}

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Upgrade with STARTTLS, and refuse a server that cannot.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on port 465, otherwise STARTTLS when the server offers it.</summary>
    Auto,

    /// <summary>No TLS at all.</summary>
    None,
}
