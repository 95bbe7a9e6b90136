using Npgsql;
using TaskOrchestration.TestSupport;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>An empty database on the test server, beside the shared one; dropped when disposed.</summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly TestDatabase _server;
    private readonly string _name;

    private ScratchDatabase(TestDatabase server, string name, string connectionString)
    {
        _server = server;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    /// <summary>Creates an empty database (no schema, no migration history).</summary>
    public static async Task<ScratchDatabase> CreateAsync(TestDatabase server, string name)
    {
        await RunAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        await RunAsync(server, $"CREATE DATABASE \"{name}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name, Pooling = false }.ConnectionString;
        return new ScratchDatabase(server, name, connectionString);
    }

    public async ValueTask DisposeAsync() => await RunAsync(_server, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");

    private static async Task RunAsync(TestDatabase server, string sql)
    {
        await using var connection = await server.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
