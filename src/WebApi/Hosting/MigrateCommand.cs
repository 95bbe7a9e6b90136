using MediatR;
using TaskOrchestration.Application.Users.Commands.BootstrapAdmin;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.WebApi.Hosting;

/// <summary>
/// <c>TaskOrchestration.WebApi migrate</c>: applies the checked-in migrations, bootstraps the configured admin,
/// and exits. Deployments run it once before starting the API (see docker-compose.yml and build/run.sh).
/// </summary>
internal static partial class MigrateCommand
{
    public const string Name = "migrate";

    public static async Task<int> RunAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand));
        var configuration = provider.GetRequiredService<IConfiguration>();

        await provider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        LogMigrated(logger);

        var email = configuration["Bootstrap:AdminEmail"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            LogNoAdmin(logger);
            return 0;
        }

        var outcome = await provider.GetRequiredService<IMediator>().Send(new BootstrapAdminCommand(email, password));
        LogAdmin(logger, email, outcome);
        return 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The database is migrated.")]
    private static partial void LogMigrated(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bootstrap:AdminEmail or Bootstrap:AdminPassword is not set; no admin was bootstrapped.")]
    private static partial void LogNoAdmin(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {Email}: {Outcome}.")]
    private static partial void LogAdmin(ILogger logger, string email, BootstrapAdminOutcome outcome);
}
