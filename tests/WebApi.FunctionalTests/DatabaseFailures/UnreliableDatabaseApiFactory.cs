using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TaskOrchestration.Infrastructure.Persistence;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.DatabaseFailures;

/// <summary>The API on a database whose statements and commits <see cref="Faults"/> breaks on demand.</summary>
public sealed class UnreliableDatabaseApiFactory : ApiFactory
{
    private DatabaseFaults? _faults;

    public DatabaseFaults Faults => _faults ??= new DatabaseFaults(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);

    protected override string DatabaseName => "taskorch_unreliable";

    /// <summary>The same API with no database at all: nothing listens where it connects.</summary>
    public WebApplicationFactory<Program> WithoutDatabase()
    {
        var connection = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Host = "127.0.0.1", Port = ClosedPort() }.ConnectionString;
        // Started without its database, as if it had gone away after the start (which it would otherwise refuse).
        return WithWebHostBuilder(builder => builder
            .UseSetting("ConnectionStrings:Default", connection)
            .UseSetting("Startup:CheckDatabase", "false"));
    }

    protected override void ConfigureHost(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.ConfigureDbContext<ApplicationDbContext>(options => options.AddInterceptors(Faults)));

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

[CollectionDefinition(Name)]
public sealed class UnreliableDatabaseTestGroup : ICollectionFixture<UnreliableDatabaseApiFactory>
{
    public const string Name = "unreliable database";
}
