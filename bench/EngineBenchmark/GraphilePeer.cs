using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>
/// graphile-worker 0.18.0 (bench/engine-peers/graphile/runner.mjs, configured there as its documentation recommends
/// for throughput), one Node.js process per worker process of the shape. Its jobs are pre-filled with its SQL API
/// (<c>graphile_worker.add_jobs</c>, one call for all) in one transaction: they become claimable when it commits, and
/// its own NOTIFY wakes the workers then.
/// </summary>
internal sealed class GraphilePeer(PeersOptions options, NpgsqlDataSource database) : IPeer
{
    public string Name => "graphile-worker";

    public string Settings =>
        $"graphile-worker {Version()} on Node.js {NodeVersion()}: " +
        "one Node.js process per worker process, `concurrency` = the shape's workers, `maxPoolSize` = concurrency + 2, " +
        "`preset.worker.localQueue.size` = concurrency (batched fetch), `completeJobBatchDelay` 0 and `failJobBatchDelay` 0 (batched completion), " +
        "prepared statements (its default), `pollInterval` 100 ms, logging at warning (its default logs a line per job); " +
        "pre-filled with one `graphile_worker.add_jobs` call in one transaction, claimable from its commit";

    public async Task PrepareAsync()
    {
        using var migrate = HostProcess.StartProgram("node", [options.GraphileRunner, "migrate"], Path.GetDirectoryName(options.GraphileRunner)!, Environment(1));
        await migrate.WaitForExitAsync();
        if (migrate.ExitCode != 0)
        {
            throw new InvalidOperationException($"graphile-worker's migration failed ({migrate.ExitCode}); its errors are above.");
        }
    }

    public async Task ClearAsync()
    {
        await ExecuteAsync("DELETE FROM graphile_worker._private_jobs");
        await ExecuteAsync("VACUUM ANALYZE graphile_worker._private_jobs");
        await ExecuteAsync("VACUUM ANALYZE graphile_worker._private_job_queues");
    }

    public async Task<WorkerFleet> StartAsync(PeerShape shape)
    {
        var ready = 0;
        var fleet = WorkerFleet.Of(Enumerable.Range(0, shape.Processes).Select(_ => HostProcess.StartProgram(
            "node",
            [options.GraphileRunner, "work"],
            Path.GetDirectoryName(options.GraphileRunner)!,
            Environment(shape.Concurrency),
            line => { if (line == "ready") { Interlocked.Increment(ref ready); } })));
        await PeersRun.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref ready) == shape.Processes), fleet, TimeSpan.FromSeconds(90), "graphile-worker to start");
        return fleet;
    }

    public async Task<DateTimeOffset> FillAsync(int jobs)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var add = new NpgsqlCommand(
            """
            SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
                SELECT ROW('noop', '{}'::json, NULL, NULL, NULL, NULL, NULL, NULL)::graphile_worker.job_spec FROM generate_series(1, @jobs)))
            """,
            connection,
            transaction))
        {
            add.CommandTimeout = 0;
            add.Parameters.AddWithValue("jobs", jobs);
            await add.ExecuteScalarAsync();
        }

        await using (var analyze = new NpgsqlCommand("ANALYZE graphile_worker._private_jobs", connection, transaction))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await using var now = new NpgsqlCommand("SELECT clock_timestamp()", connection, transaction);
        var claimable = new DateTimeOffset((DateTime)(await now.ExecuteScalarAsync())!);
        await transaction.CommitAsync();
        return claimable;
    }

    public Task<long?> CompletedAsync() => Task.FromResult<long?>(null);

    public async Task<(bool Drained, DateTimeOffset At)> LookAsync()
    {
        // A done job is deleted: none left is all done (a failed one would stay, to be retried).
        await using var command = database.CreateCommand("SELECT NOT EXISTS (SELECT 1 FROM graphile_worker._private_jobs), clock_timestamp()");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetBoolean(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>The version installed beside the runner (npm ci, from its package-lock.json).</summary>
    private string Version()
    {
        var manifest = Path.Combine(Path.GetDirectoryName(options.GraphileRunner)!, "node_modules", "graphile-worker", "package.json");
        using var json = JsonDocument.Parse(File.ReadAllText(manifest));
        return json.RootElement.GetProperty("version").GetString() ?? "unknown";
    }

    private static string NodeVersion()
    {
        using var node = Process.Start(new ProcessStartInfo("node", ["--version"]) { RedirectStandardOutput = true })!;
        var version = node.StandardOutput.ReadToEnd().Trim();
        node.WaitForExit();
        return version;
    }

    private Dictionary<string, string> Environment(int concurrency)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.GraphileConnection);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DATABASE_URL"] = $"postgres://{connection.Username}@{connection.Host}:{connection.Port.ToString(CultureInfo.InvariantCulture)}/{connection.Database}",
            ["CONCURRENCY"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["LOCAL_QUEUE_SIZE"] = concurrency.ToString(CultureInfo.InvariantCulture),
        };
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = database.CreateCommand(sql);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
