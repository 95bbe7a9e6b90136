using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskOrchestration.Infrastructure.Persistence;
using TaskOrchestration.TestSupport;

namespace TaskOrchestration.Infrastructure.IntegrationTests.DatabaseFailures;

/// <summary>Real database failures, made on purpose: a server process ended under an open connection, a server that is not there.</summary>
internal static class Backends
{
    /// <summary>
    /// Opens <paramref name="db"/>'s connection if needed and ends its server process as <c>pg_ctl stop -m fast</c>
    /// would (SIGTERM: the connection gets 57P01 admin_shutdown), waiting until the process is gone.
    /// </summary>
    public static async Task TerminateAsync(TestDatabase database, ApplicationDbContext db)
    {
        await db.Database.OpenConnectionAsync();
        var pid = ((NpgsqlConnection)db.Database.GetDbConnection()).ProcessID;
        await using var connection = await database.OpenConnectionAsync();
        await using (var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection))
        {
            terminate.Parameters.AddWithValue("pid", pid);
            Assert.True((bool)(await terminate.ExecuteScalarAsync())!);
        }

        await using var alive = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pid = @pid", connection);
        alive.Parameters.AddWithValue("pid", pid);
        for (var poll = 0; (long)(await alive.ExecuteScalarAsync())! > 0; poll++)
        {
            Assert.True(poll < 500, $"The server process {pid} did not end.");
            await Task.Delay(10);
        }
    }

    /// <summary>A context whose server does not exist: connecting is refused at once.</summary>
    public static ApplicationDbContext ContextOnAClosedPort(TestDatabase database)
    {
        var options = new DbContextOptionsBuilder<ApplicationDbContext>();
        DependencyInjection.ConfigureDbContext(options, ClosedPortConnectionString(database));
        return new ApplicationDbContext(options.Options);
    }

    /// <summary>The test database's connection string, with a port nothing listens on.</summary>
    public static string ClosedPortConnectionString(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = port, Pooling = false }.ConnectionString;
    }
}
