using TaskOrchestration.Application.Common.Security;

namespace TaskOrchestration.Infrastructure.Identity;

/// <summary>Session and sign-in settings (configuration section "Sessions").</summary>
public sealed class SessionOptions
{
    public const string SectionName = "Sessions";

    public int RefreshTokenLifetimeDays { get; set; } = 14;

    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    public SessionSettings ToSettings() =>
        new(TimeSpan.FromDays(RefreshTokenLifetimeDays), MaxFailedSignIns, TimeSpan.FromMinutes(LockoutMinutes));
}
