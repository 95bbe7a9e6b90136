using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>The readiness check that AddInfrastructure registers: the database answers and has every migration.</summary>
public sealed class ReadinessHealthCheckTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task TheMigratedDatabase_IsReady()
    {
        var report = await CheckAsync(Database.ConnectionString);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        var entry = Assert.Single(report.Entries);
        Assert.Equal("database", entry.Key);
        Assert.Contains(DependencyInjection.ReadinessTag, entry.Value.Tags);
        Assert.Equal(HealthStatus.Healthy, entry.Value.Status);
    }

    [Fact]
    public async Task ADatabaseThatDoesNotExist_IsNotReady()
    {
        var missing = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = "taskorch_no_such_database", Pooling = false }.ConnectionString;

        var report = await CheckAsync(missing);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Entries["database"].Status);
    }

    [Fact]
    public async Task ADatabaseWithoutTheMigrations_IsNotReady()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Database, "taskorch_integration_unmigrated");

        var report = await CheckAsync(scratch.ConnectionString);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
    }

    [Fact]
    public async Task ADatabaseMissingTheLatestMigration_IsNotReady_AndReadyOnceItIsRecorded()
    {
        await using var scratch = await ScratchDatabase.CreateAsync(Database, "taskorch_integration_behind");
        await using var db = Database.CreateDbContext();
        var migrations = db.Database.GetMigrations().ToList();
        await using var connection = new NpgsqlConnection(scratch.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"CREATE TABLE {DatabaseMigrator.HistoryTable} (migration_id varchar(150) PRIMARY KEY, product_version varchar(32) NOT NULL)");
        foreach (var migration in migrations.SkipLast(1))
        {
            await ExecuteAsync(connection, $"INSERT INTO {DatabaseMigrator.HistoryTable} VALUES ('{migration}', '10.0')");
        }

        Assert.Equal(HealthStatus.Unhealthy, (await CheckAsync(scratch.ConnectionString)).Status);

        await ExecuteAsync(connection, $"INSERT INTO {DatabaseMigrator.HistoryTable} VALUES ('{migrations[^1]}', '10.0')");
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(scratch.ConnectionString)).Status);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<HealthReport> CheckAsync(string connectionString)
    {
        await using var services = InfrastructureServices.Build(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connectionString });
        return await services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains(DependencyInjection.ReadinessTag));
    }
}
