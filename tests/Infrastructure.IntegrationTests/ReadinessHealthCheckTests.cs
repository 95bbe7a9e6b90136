using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

public sealed class ReadinessHealthCheckTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task MigratedDatabase_IsReady()
    {
        var report = await CheckAsync(Database.ConnectionString);

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public async Task MissingDatabase_IsNotReady()
    {
        var missing = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = "no_such_database" }.ConnectionString;

        var report = await CheckAsync(missing);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
    }

    [Fact]
    public async Task UnmigratedDatabase_IsNotReady()
    {
        await using (var connection = await Database.OpenConnectionAsync())
        {
            await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS taskorch_unmigrated WITH (FORCE); ", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE taskorch_unmigrated", connection);
            await create.ExecuteNonQueryAsync();
        }

        var report = await CheckAsync(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = "taskorch_unmigrated" }.ConnectionString);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
    }

    private static async Task<HealthReport> CheckAsync(string connectionString)
    {
        await using var services = InfrastructureServices.Build(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connectionString });
        return await services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }
}
