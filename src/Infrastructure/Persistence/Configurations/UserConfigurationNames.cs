namespace TaskOrchestration.Infrastructure.Persistence;

internal static class UserConfigurationNames
{
    public const string EmailIndex = "ix_users_email";
}
