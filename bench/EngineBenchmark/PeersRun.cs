using System.Globalization;
using Npgsql;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>
/// The peers mode (bench/engine-peers.sh, docs/performance.md "Peers"): per round and shape, our engine, graphile-worker
/// and Hangfire in turn, each with the shape's processes and workers, each warmed up on the same untimed jobs and then
/// draining the same N pre-filled no-op jobs; then the raw SQL ceiling of our engine's statements and the bare
/// claim-and-complete loop. Every system's row is timed by one rule: from the database's clock when its jobs became
/// claimable to the database's clock at the driver's first look (every 100 ms) that finds none left.
/// </summary>
internal static class PeersRun
{
    private static readonly TimeSpan LookInterval = TimeSpan.FromMilliseconds(100);
    private static readonly (int Connections, int Batch) RawShape = (2, 200);

    public static async Task RunAsync(PeersOptions options)
    {
        var loadAtStart = LoadAverage();
        await using var engineDatabase = NpgsqlDataSource.Create(options.EngineConnection);
        await using var graphileDatabase = NpgsqlDataSource.Create(options.GraphileConnection);
        await using var hangfireDatabase = NpgsqlDataSource.Create(options.HangfireConnection);
        await using var bareDatabase = NpgsqlDataSource.Create(options.BareConnection);
        IPeer[] peers = [
            .. options.Systems.Contains("engine") ? [new EnginePeer(options, engineDatabase)] : Array.Empty<IPeer>(),
            .. options.Systems.Contains("graphile") ? [new GraphilePeer(options, graphileDatabase)] : Array.Empty<IPeer>(),
            .. options.Systems.Contains("hangfire") ? [new HangfirePeer(options, hangfireDatabase)] : Array.Empty<IPeer>()];
        foreach (var peer in peers)
        {
            await peer.PrepareAsync();
        }

        var rows = new List<PeerRow>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var shape in options.Shapes)
            {
                foreach (var peer in InTurn(peers, round))
                {
                    var row = await MeasureAsync(peer, shape, options, round);
                    rows.Add(row);
                    Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"  round {round}, {shape}, {peer.Name}: {row.Rate:N0} jobs/s, {row.CpuMicrosecondsPerJob:N0} µs CPU/job, peak RSS {row.PeakResidentMiB:N0} MiB (load {LoadAverage()})"));
                }
            }
        }

        double? raw = null;
        if (options.Systems.Contains("raw"))
        {
            Console.WriteLine($"  raw SQL ceiling ({RawShape.Connections} connections, claims of {RawShape.Batch})...");
            var queue = new Queue(engineDatabase);
            var ceiling = new RawCeiling(engineDatabase);
            // The driver warms up too (Npgsql's statement and type paths), untimed, as bench/engine-throughput.sh does.
            await queue.ClearAsync();
            await queue.SubmitAsync(options.WarmUpJobs);
            await ceiling.MeasureAsync(1, 50, options.WarmUpJobs);
            var rates = new List<double>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                await queue.ClearAsync();
                await queue.SubmitAsync(options.Jobs);
                rates.Add(await ceiling.MeasureAsync(RawShape.Connections, RawShape.Batch, options.Jobs));
            }

            raw = Median(rates);
        }

        double? bare = null;
        if (options.Systems.Contains("bare"))
        {
            Console.WriteLine($"  bare claim-and-complete loop (pgbench, {BareLoop.Clients} clients, batches of {BareLoop.Batch})...");
            var loop = new BareLoop(options, bareDatabase);
            var rates = new List<double>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                rates.Add(await loop.MeasureAsync(options.Jobs));
            }

            bare = Median(rates);
        }

        var report = PeersReport.Write(options, peers, rows, raw, RawShape, bare, loadAtStart, LoadAverage());
        await File.WriteAllTextAsync(options.Output, report);
        Console.WriteLine();
        Console.WriteLine(report);
    }

    /// <summary>
    /// The systems in order, another one first each round, so that none always runs on the others' leftovers (the
    /// cluster's caches, its WAL, its autovacuum).
    /// </summary>
    private static IEnumerable<IPeer> InTurn(IPeer[] peers, int round)
    {
        var first = peers.Length == 0 ? 0 : (round - 1) % peers.Length;
        return peers.Skip(first).Concat(peers.Take(first));
    }

    private static async Task<PeerRow> MeasureAsync(IPeer peer, PeerShape shape, PeersOptions options, int round)
    {
        await peer.ClearAsync();
        await using var fleet = await peer.StartAsync(shape);
        // Warm-up, not timed: a cold process's first seconds (JIT, connection pools, prepared statements) are not its throughput.
        if (options.WarmUpJobs > 0)
        {
            await peer.FillAsync(options.WarmUpJobs);
            await DrainAsync(peer, fleet, TimeSpan.FromMinutes(30), TimeSpan.FromMilliseconds(250));
        }

        var cpuBefore = fleet.CpuTime();
        var claimable = await peer.FillAsync(options.Jobs);
        var drained = await DrainAsync(peer, fleet, TimeSpan.FromMinutes(60), LookInterval);
        var cpu = fleet.CpuTime() - cpuBefore;
        var peak = fleet.PeakResidentMiB().Max();
        if (await peer.CompletedAsync() is { } completed && completed != options.WarmUpJobs + options.Jobs)
        {
            throw new InvalidOperationException($"{peer.Name} recorded {completed} jobs done, not {options.WarmUpJobs + options.Jobs}.");
        }

        return new PeerRow(peer.Name, shape, round, options.Jobs / (drained - claimable).TotalSeconds, cpu.TotalMicroseconds / options.Jobs, peak);
    }

    /// <summary>Looks every <paramref name="interval"/> until nothing is left; answers the database's time of that look.</summary>
    private static async Task<DateTimeOffset> DrainAsync(IPeer peer, WorkerFleet fleet, TimeSpan patience, TimeSpan interval)
    {
        DateTimeOffset at = default;
        await WaitUntilAsync(
            async () =>
            {
                (var drained, at) = await peer.LookAsync();
                return drained;
            },
            fleet,
            patience,
            $"{peer.Name} to drain its queue",
            interval);
        return at;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, WorkerFleet fleet, TimeSpan patience, string what, TimeSpan? interval = null)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        while (!await condition())
        {
            if (fleet.AnyExited)
            {
                throw new InvalidOperationException($"A worker process exited while waiting for {what}; its errors are above.");
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {patience} for {what}.");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(100));
        }
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}

/// <summary>One system's measurement of one shape in one round.</summary>
internal sealed record PeerRow(string System, PeerShape Shape, int Round, double Rate, double CpuMicrosecondsPerJob, double PeakResidentMiB);
