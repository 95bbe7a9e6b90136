using Microsoft.EntityFrameworkCore;
using Npgsql;
using Respawn;
using TaskOrchestration.Infrastructure;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.TestSupport;

/// <summary>
/// A real PostgreSQL database for one test project: created fresh and migrated once, emptied between tests.
/// The server comes from TASKORCH_TEST_CONNECTION, which build/test.sh sets to its throwaway cluster.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ServerVariable = "TASKORCH_TEST_CONNECTION";

    private Respawner? _respawner;

    private TestDatabase(string connectionString)
    {
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>Drops and recreates <paramref name="databaseName"/>, then applies every migration.</summary>
    public static async Task<TestDatabase> CreateAsync(string databaseName)
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run the tests with build/test.sh, which starts a throwaway PostgreSQL and sets it.");
        }

        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var database = new TestDatabase(new NpgsqlConnectionStringBuilder(server) { Database = databaseName, MaxPoolSize = 200 }.ConnectionString);
        await using (var db = database.CreateDbContext())
        {
            await db.Database.MigrateAsync();
        }

        return database;
    }

    public ApplicationDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureDbContext(options, ConnectionString);
        return new ApplicationDbContext(options.Options);
    }

    /// <summary>
    /// Deletes every row but the migration history and the reference data the migrations write (written again), so
    /// each test starts from a freshly migrated database.
    /// </summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__ef_migrations_history"],
        });
        // A host's background service (an outbox dispatcher, a worker) may still be writing when a test ends: its
        // locks and the deletes can deadlock, and PostgreSQL then cancels one side. The reset is tried again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _respawner.ResetAsync(connection);
                break;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                // The other side committed or rolled back: the next attempt finds its rows or none.
            }
            catch (NpgsqlException exception) when (exception.InnerException is TimeoutException)
            {
                // Something holds the tables past the command timeout: say what, or the failure says nothing.
                throw new InvalidOperationException($"Emptying the test database timed out; its other sessions: {await OtherSessionsAsync()}", exception);
            }
        }

        await using var referenceData = new NpgsqlCommand(ReferenceData.AllSql, connection);
        await referenceData.ExecuteNonQueryAsync();
    }

    /// <summary>The other sessions on this database (pid, state, what they wait on, since when, their statement), for a failure's message.</summary>
    private async Task<string> OtherSessionsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT string_agg(format('[%s %s %s/%s since %s blocked by %s: %s]', pid, state, wait_event_type, wait_event,
                xact_start, pg_blocking_pids(pid), left(query, 300)), ' ')
            FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
            """,
            connection);
        return await command.ExecuteScalarAsync() as string ?? "none";
    }

    /// <summary>Runs a statement with plain Npgsql on its own connection, outside any transaction; answers the rows it changed.</summary>
    public async Task<int> ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query with plain Npgsql on its own connection; answers the first column of its first row.</summary>
    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }
}
