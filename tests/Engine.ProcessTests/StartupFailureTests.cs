using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>
/// The real host, started with a configuration that cannot work, refuses to start: it exits with a non-zero code
/// and prints one line on stderr that says what is wrong and which setting to change, and no stack trace anywhere.
/// </summary>
public sealed class StartupFailureTests(FleetFixture fleet) : FleetTest(fleet)
{
    private const string LinePrefix = "TaskOrchestration cannot start: ";

    // A bound, not a measure: each of these hosts gives up within seconds, and this only stops a hung one.
    private static readonly TimeSpan GivesUpWithin = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task APortInUse_IsOneLineNamingThePortAndTheSetting()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var run = await RunAsync("api", Fleet.Database.ConnectionString, Fleet.KeysFolder, new() { ["urls"] = $"http://127.0.0.1:{port}" });

        AssertRefusedToStart(run, $"port {port} is in use (http://127.0.0.1:{port}). Set Urls or ASPNETCORE_URLS to a free port.");
    }

    [Fact]
    public async Task ADatabaseNothingListensOn_IsOneLineNamingTheAddress()
    {
        var port = PortNothingListensOn();
        var unreachable = new NpgsqlConnectionStringBuilder(Fleet.Database.ConnectionString) { Host = "127.0.0.1", Port = port }.ConnectionString;

        var run = await RunAsync("both", unreachable, Fleet.KeysFolder, []);

        AssertRefusedToStart(run, $"PostgreSQL at 127.0.0.1:{port} cannot be reached");
    }

    [Fact]
    public async Task WithTheDatabaseCheckTurnedOff_AHostWhoseDatabaseIsAway_StartsAndSaysItIsNotReady()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(Fleet.Database.ConnectionString) { Host = "127.0.0.1", Port = PortNothingListensOn() }.ConnectionString;

        await using var api = await ApiProcess.StartAsync(unreachable, Fleet.KeysFolder, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Startup:CheckDatabase"] = "false",
        });
        using var client = new HttpClient { BaseAddress = api.Address };

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task CredentialsPostgreSqlRefuses_AreOneLineNamingTheUser_AndNeverThePassword()
    {
        var stranger = new NpgsqlConnectionStringBuilder(Fleet.Database.ConnectionString) { Username = "nobody_here", Password = "not-the-password" }.ConnectionString;

        var run = await RunAsync("api", stranger, Fleet.KeysFolder, []);

        AssertRefusedToStart(run, "refused user 'nobody_here'");
        Assert.DoesNotContain("not-the-password", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseThatDoesNotExist_IsOneLineNamingIt()
    {
        var missing = new NpgsqlConnectionStringBuilder(Fleet.Database.ConnectionString) { Database = "taskorch_no_such_database" }.ConnectionString;

        var run = await RunAsync("worker", missing, Fleet.KeysFolder, []);

        AssertRefusedToStart(run, "has no database 'taskorch_no_such_database'");
    }

    [Fact]
    public async Task NoConnectionStringInProduction_ExitsAtOnceWithOneLine()
    {
        var run = await RunAsync("both", string.Empty, Fleet.KeysFolder, new() { ["environment"] = "Production" });

        AssertRefusedToStart(run, "no database is configured. Set ConnectionStrings__Default");
    }

    [Theory]
    [InlineData("api")]
    // A worker signs no tokens, but the authentication middleware in front of its /ready loads the keys.
    [InlineData("worker")]
    public async Task NoSigningKeyOutsideDevelopment_IsOneLine_WhereTheHostUsedToStartAndAnswer500(string role)
    {
        var noKeys = Directory.CreateTempSubdirectory("taskorch-no-keys-");
        try
        {
            var run = await RunAsync(role, Fleet.Database.ConnectionString, noKeys.FullName, new() { ["environment"] = "Production" });

            AssertRefusedToStart(run, "the token signing keys cannot be loaded (environment Production: only Development makes a key itself): No token signing key is configured.");
        }
        finally
        {
            noKeys.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AnUnknownRole_IsOneLine()
    {
        var run = await RunAsync("chef", Fleet.Database.ConnectionString, Fleet.KeysFolder, []);

        AssertRefusedToStart(run, "the role 'chef' is unknown. Use --role api, --role worker or --role both");
    }

    [Fact]
    public async Task TheMigrateCommand_ReportsAnUnreachableDatabaseInOneLineToo()
    {
        var port = PortNothingListensOn();
        var unreachable = new NpgsqlConnectionStringBuilder(Fleet.Database.ConnectionString) { Host = "127.0.0.1", Port = port }.ConnectionString;
        var start = HostProcessStart.For("both", unreachable, Fleet.KeysFolder, new Dictionary<string, string>(), new Dictionary<string, string>());
        // The command comes first: TaskOrchestration.WebApi.dll migrate --settings...
        start.ArgumentList.Insert(1, "migrate");

        var run = await HostRun.UntilExitAsync(start, GivesUpWithin);

        AssertRefusedToStart(run, $"PostgreSQL at 127.0.0.1:{port} cannot be reached");
    }

    [Fact]
    public async Task TheMigrateCommand_CreatesADatabaseThatDoesNotExistYet()
    {
        // The test suites and run.sh migrate into a database name nobody created: migrating creates it.
        var name = $"taskorch_migrated_{Guid.NewGuid():N}";
        var fresh = new NpgsqlConnectionStringBuilder(Fleet.Database.ConnectionString) { Database = name }.ConnectionString;
        var start = HostProcessStart.For("both", fresh, Fleet.KeysFolder, new Dictionary<string, string>(), new Dictionary<string, string>());
        start.ArgumentList.Insert(1, "migrate");
        try
        {
            var run = await HostRun.UntilExitAsync(start, GivesUpWithin);

            Assert.True(run.ExitCode == 0, run.Printed);
            await using var connection = new NpgsqlConnection(fresh);
            await connection.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM users", connection);
            Assert.True((long)(await count.ExecuteScalarAsync())! >= 0);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var server = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Fleet.Database.ConnectionString) { Database = "postgres" }.ConnectionString);
            await server.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", server);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static Task<HostRun> RunAsync(string role, string connectionString, string keysFolder, Dictionary<string, string> settings) =>
        HostRun.UntilExitAsync(HostProcessStart.For(role, connectionString, keysFolder, new Dictionary<string, string>(), settings), GivesUpWithin);

    private static void AssertRefusedToStart(HostRun run, string expected)
    {
        Assert.True(run.ExitCode != 0, $"The host exited with 0.{Environment.NewLine}{run.Printed}");
        // stderr holds the one line and nothing else.
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith(LinePrefix, line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.False(
            (run.StandardOutput + run.StandardError).Contains("   at ", StringComparison.Ordinal) || run.StandardOutput.Contains("\\n   at ", StringComparison.Ordinal),
            $"A stack trace was printed.{Environment.NewLine}{run.Printed}");
    }

    /// <summary>A port that was free a moment ago: connecting to it is refused.</summary>
    private static int PortNothingListensOn()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
