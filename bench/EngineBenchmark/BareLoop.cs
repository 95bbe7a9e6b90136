using System.Globalization;
using Npgsql;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>
/// The bare claim-and-complete loop: pgbench, 3 clients, bench/engine-peers/bare-loop.sql on a table of N pending rows
/// (batches of 200, FOR UPDATE SKIP LOCKED, each step its own commit, nothing else written). Timed from the rows:
/// from the first claim's transaction start to the last completion's.
/// </summary>
internal sealed class BareLoop(PeersOptions options, NpgsqlDataSource database)
{
    public const int Clients = 3;
    public const int Batch = 200;

    public async Task<double> MeasureAsync(int jobs)
    {
        foreach (var sql in new[]
        {
            "DROP TABLE IF EXISTS bare_jobs",
            "CREATE TABLE bare_jobs (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, status text NOT NULL, claimed_by integer, claimed_at timestamptz, done_at timestamptz)",
            $"INSERT INTO bare_jobs (status) SELECT 'pending' FROM generate_series(1, {jobs})",
            "CREATE INDEX bare_jobs_pending ON bare_jobs (id) WHERE status = 'pending'",
            "CREATE INDEX bare_jobs_running ON bare_jobs (claimed_by) WHERE status = 'running'",
            "VACUUM ANALYZE bare_jobs",
        })
        {
            await using var command = database.CreateCommand(sql);
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }

        var connection = new NpgsqlConnectionStringBuilder(options.BareConnection);
        // Each client may find every batch: as many executions as batches, the extra ones find nothing (and are not timed).
        var transactions = (jobs + Batch - 1) / Batch;
        using var pgbench = HostProcess.StartProgram(
            options.Pgbench,
            ["-n", "-M", "prepared", "-c", Clients.ToString(CultureInfo.InvariantCulture), "-j", Clients.ToString(CultureInfo.InvariantCulture),
             "-t", transactions.ToString(CultureInfo.InvariantCulture), "-f", options.BareScript,
             "-h", connection.Host!, "-p", connection.Port.ToString(CultureInfo.InvariantCulture), "-U", connection.Username!, connection.Database!],
            Path.GetDirectoryName(options.BareScript)!);
        await pgbench.WaitForExitAsync();
        if (pgbench.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench failed ({pgbench.ExitCode}); its errors are above.");
        }

        await using var result = database.CreateCommand("SELECT count(*) FILTER (WHERE status = 'done'), extract(epoch FROM max(done_at) - min(claimed_at)) FROM bare_jobs");
        await using var reader = await result.ExecuteReaderAsync();
        await reader.ReadAsync();
        var done = reader.GetInt64(0);
        if (done != jobs)
        {
            throw new InvalidOperationException($"The bare loop completed {done} rows, not {jobs}.");
        }

        return done / (double)reader.GetDecimal(1);
    }
}
