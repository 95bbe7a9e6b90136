using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using TaskOrchestration.Infrastructure.Identity;
using TaskOrchestration.TestSupport;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

/// <summary>
/// The real API (its whole HTTP pipeline, the real JWT bearer handler) on a real PostgreSQL database that is
/// created and migrated once per test run. Every answer it gives is checked against clients/openapi.json
/// (<see cref="ResponseConformanceMiddleware"/>): one that breaks the document fails the test that received it.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly DirectoryInfo _keysFolder = Directory.CreateTempSubdirectory("taskorch-keys-");
    private TestDatabase? _database;

    public ApiFactory()
    {
        // A signing key made for this run; no key lives in the repository.
        SigningKeyFile = SigningKeys.CreateKeyFile(_keysFolder.FullName, "test-key");
    }

    /// <summary>The PEM file of the key the API signs with, for tests that forge tokens.</summary>
    public string SigningKeyFile { get; }

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseName);

    /// <summary>Each host gets its own database, so that hosts of different collections can run side by side.</summary>
    protected virtual string DatabaseName => "taskorch_functional";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Not Development: the signing key must come from configuration, as in production.
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
        builder.UseSetting("Jwt:KeysPath", _keysFolder.FullName);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // The API alone: a worker engine in every test would claim tasks behind the tests' backs (EngineApiFactory runs one).
        builder.UseSetting("Role", "api");
        builder.ConfigureServices(ResponseConformanceMiddleware.Install);
        ConfigureHost(builder);
        // Tests sign many users in from one address; the limiter has its own test with its own limit.
        builder.UseSetting("RateLimiting:Auth:PermitLimit", "100000");
        // Passwords are still hashed and verified on every sign-up and sign-in, only with a cheaper work factor.
        builder.ConfigureTestServices(CheapPasswordHashing.Install);
    }

    /// <summary>Settings and services a derived host adds (it runs after, so its settings win).</summary>
    protected virtual void ConfigureHost(IWebHostBuilder builder)
    {
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _keysFolder.Delete(recursive: true);
    }
}
