namespace TaskOrchestration.Application.Common.Security;

/// <summary>How long sessions last and how sign-in resists guessing; the host binds them from configuration.</summary>
/// <param name="RefreshTokenLifetime">How long a refresh token may be used (each use replaces it).</param>
/// <param name="MaxFailedSignIns">Wrong passwords in a row that lock an account.</param>
/// <param name="LockoutDuration">How long a locked account refuses sign-in.</param>
public sealed record SessionSettings(TimeSpan RefreshTokenLifetime, int MaxFailedSignIns, TimeSpan LockoutDuration)
{
    public static readonly SessionSettings Default = new(TimeSpan.FromDays(14), 5, TimeSpan.FromMinutes(15));
}
