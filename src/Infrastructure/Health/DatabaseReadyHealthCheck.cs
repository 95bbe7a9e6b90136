using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Health;

/// <summary>Ready means the database answers and every checked-in migration has been applied.</summary>
internal sealed class DatabaseReadyHealthCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // One query answers both: reading the applied migrations fails as a connection would when the database does not
        // answer (a separate connection check was a third of the first /ready's time).
        try
        {
            return await migrator.IsUpToDateAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The database answers and is migrated.")
                : HealthCheckResult.Unhealthy("The database has migrations still to apply.");
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", exception);
        }
    }
}
