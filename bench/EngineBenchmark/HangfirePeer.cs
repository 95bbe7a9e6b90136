using System.Globalization;
using Npgsql;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>
/// Hangfire 1.8.25 on Hangfire.PostgreSql 1.21.1 (bench/HangfireBenchmark, configured there as their documentation
/// recommends for throughput), one process per worker process of the shape. Its jobs are pre-filled in one transaction
/// as copies of a template job that Hangfire's own client wrote (the job, its Enqueued state, its parameter and its
/// queue row, in the queue the servers serve): they become claimable when it commits. Enqueued one by one through
/// Hangfire's client, 50,000 jobs would take minutes, and the workers would start on the first ones at once.
/// </summary>
internal sealed class HangfirePeer(PeersOptions options, NpgsqlDataSource database) : IPeer
{
    private long _template;

    public string Name => "Hangfire";

    public string Settings =>
        $"Hangfire.Core {Version("Hangfire.Core")} + Hangfire.PostgreSql {Version("Hangfire.PostgreSql")}: " +
        "one process per worker process, a `BackgroundJobServer` with `WorkerCount` = the shape's workers on the queue `default`, " +
        "`QueuePollInterval` 100 ms (Hangfire.PostgreSql's default is 15 s), the schema prepared once before (`PrepareSchemaIfNecessary` off in the workers), " +
        "a connection pool of workers + 10, `CompatibilityLevel.Version_180` with the simple assembly name type serializer and the recommended serializer settings; " +
        "pre-filled in one transaction as copies of a job Hangfire's client wrote, claimable from its commit";

    public async Task PrepareAsync()
    {
        using var prepare = HostProcess.StartProgram("dotnet", [options.HangfireDll, "prepare", "--connection", options.HangfireConnection], Path.GetDirectoryName(options.HangfireDll)!);
        await prepare.WaitForExitAsync();
        if (prepare.ExitCode != 0)
        {
            throw new InvalidOperationException($"Hangfire's preparation failed ({prepare.ExitCode}); its errors are above.");
        }

        await using var command = database.CreateCommand("SELECT jobid FROM hangfire.jobqueue WHERE queue = 'template' ORDER BY id LIMIT 1");
        _template = (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task ClearAsync()
    {
        await ExecuteAsync($"DELETE FROM hangfire.job WHERE id <> {_template}");
        await ExecuteAsync("DELETE FROM hangfire.jobqueue WHERE queue <> 'template'");
        await ExecuteAsync("DELETE FROM hangfire.counter");
        await ExecuteAsync("DELETE FROM hangfire.server");
        foreach (var table in new[] { "job", "state", "jobparameter", "jobqueue", "counter" })
        {
            await ExecuteAsync($"VACUUM ANALYZE hangfire.{table}");
        }
    }

    public async Task<WorkerFleet> StartAsync(PeerShape shape)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.HangfireConnection) { MaxPoolSize = shape.Concurrency + 10 }.ConnectionString;
        var fleet = WorkerFleet.Of(Enumerable.Range(0, shape.Processes).Select(_ => HostProcess.StartProgram(
            "dotnet",
            [options.HangfireDll, "work", "--connection", connection, "--workers", shape.Concurrency.ToString(CultureInfo.InvariantCulture)],
            Path.GetDirectoryName(options.HangfireDll)!)));
        await PeersRun.WaitUntilAsync(async () => await ScalarAsync<long>("SELECT count(*) FROM hangfire.server") == shape.Processes, fleet, TimeSpan.FromSeconds(90), "Hangfire's servers to register");
        return fleet;
    }

    public async Task<DateTimeOffset> FillAsync(int jobs)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        string[] statements =
        [
            $"CREATE TEMP TABLE peer_new_jobs ON COMMIT DROP AS SELECT nextval('hangfire.job_id_seq') AS id, nextval('hangfire.state_id_seq') AS state_id FROM generate_series(1, {jobs})",
            $"""
            INSERT INTO hangfire.job (id, stateid, statename, invocationdata, arguments, createdat)
            SELECT n.id, n.state_id, 'Enqueued', t.invocationdata, t.arguments, now() FROM peer_new_jobs n CROSS JOIN hangfire.job t WHERE t.id = {_template}
            """,
            """
            INSERT INTO hangfire.state (id, jobid, name, reason, createdat, data)
            SELECT n.state_id, n.id, 'Enqueued', NULL, now(),
                   jsonb_build_object('Queue', 'default', 'EnqueuedAt', (extract(epoch FROM now()) * 1000)::bigint::text)
            FROM peer_new_jobs n
            """,
            $"INSERT INTO hangfire.jobparameter (jobid, name, value) SELECT n.id, p.name, p.value FROM peer_new_jobs n CROSS JOIN hangfire.jobparameter p WHERE p.jobid = {_template}",
            "INSERT INTO hangfire.jobqueue (jobid, queue) SELECT id, 'default' FROM peer_new_jobs ORDER BY id",
            "ANALYZE hangfire.job, hangfire.state, hangfire.jobparameter, hangfire.jobqueue",
        ];
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }

        await using var now = new NpgsqlCommand("SELECT clock_timestamp()", connection, transaction);
        var claimable = new DateTimeOffset((DateTime)(await now.ExecuteScalarAsync())!);
        await transaction.CommitAsync();
        return claimable;
    }

    public async Task<long?> CompletedAsync() => await ScalarAsync<long>("SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded'");

    public async Task<(bool Drained, DateTimeOffset At)> LookAsync()
    {
        // A worker removes the job's queue row after the job's Succeeded state is committed.
        await using var command = database.CreateCommand("SELECT NOT EXISTS (SELECT 1 FROM hangfire.jobqueue WHERE queue = 'default'), clock_timestamp()");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetBoolean(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>The version of the peer's assembly as built (major.minor.patch of its file version).</summary>
    /// <summary>The package's version as the build resolved it, from the benchmark's deps.json: Hangfire.Core's assembly carries no file version (it read 0.0.0).</summary>
    private string Version(string package)
    {
        var dependencies = File.ReadAllText(Path.ChangeExtension(options.HangfireDll, ".deps.json"));
        var key = $"\"{package}/";
        var start = dependencies.IndexOf(key, StringComparison.Ordinal);
        if (start < 0)
        {
            return "(not found)";
        }

        start += key.Length;
        return dependencies[start..dependencies.IndexOf('"', start)];
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = database.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
