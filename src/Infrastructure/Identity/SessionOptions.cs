using TaskOrchestration.Application.Common.Security;

namespace TaskOrchestration.Infrastructure.Identity;

/// <summary>Session and sign-in settings (configuration section "Sessions").</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    public int RefreshTokenLifetimeDays { get; set; } = 14;

    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>
    /// How long an API instance may reuse what it read of a caller's role, active state and session. Changes made
    /// through the API reach every instance at once (LISTEN/NOTIFY); this bounds only what nothing announces, such
    /// as a row edited by hand. 0 reads the database on every request.
    /// </summary>
    public int AccessStateCacheSeconds { get; set; } = 30;

    public SessionSettings ToSettings() =>
        new(TimeSpan.FromDays(RefreshTokenLifetimeDays), MaxFailedSignIns, TimeSpan.FromMinutes(LockoutMinutes));
}
