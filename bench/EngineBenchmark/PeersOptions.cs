using System.Globalization;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>The peers mode's command line (bench/engine-peers.sh passes all but the last five).</summary>
internal sealed record PeersOptions(
    string EngineConnection,
    string WorkerDll,
    string KeysFolder,
    string GraphileConnection,
    string GraphileRunner,
    string HangfireConnection,
    string HangfireDll,
    string BareConnection,
    string Pgbench,
    string BareScript,
    string Commit,
    string Output,
    int Jobs,
    int WarmUpJobs,
    int Rounds,
    IReadOnlyList<PeerShape> Shapes,
    IReadOnlySet<string> Systems)
{
    /// <summary>Every system the peers mode can measure, in the order it measures them.</summary>
    public static readonly IReadOnlyList<string> AllSystems = ["engine", "graphile", "hangfire", "raw", "bare"];

    public static PeersOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
        int Number(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        var shapes = (values.GetValueOrDefault("shapes") ?? "1x10,1x50,1x400,3x50")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(PeerShape.Parse)
            .ToList();
        var systems = (values.GetValueOrDefault("systems") ?? string.Join(',', AllSystems))
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .ToHashSet(StringComparer.Ordinal);
        if (systems.FirstOrDefault(system => !AllSystems.Contains(system)) is { } unknown)
        {
            throw new ArgumentException($"--systems: '{unknown}' is none of {string.Join(", ", AllSystems)}.");
        }

        return new PeersOptions(
            Required("connection"), Required("worker-dll"), Required("keys"),
            Required("graphile-connection"), Required("graphile-runner"),
            Required("hangfire-connection"), Required("hangfire-dll"),
            Required("bare-connection"), Required("pgbench"), Required("bare-script"),
            values.GetValueOrDefault("commit") ?? "unknown", Required("output"),
            Number("jobs", 50_000), Number("warmup", 20_000), Number("rounds", 1), shapes, systems);
    }

    /// <summary>What <see cref="WorkerFleet.Start"/> needs to start our engine's workers.</summary>
    public BenchmarkOptions ForEngine() => new(
        EngineConnection, WorkerDll, KeysFolder, Output, Jobs, [], [], 0, WarmUpJobs, "peers", 0, string.Empty, 0, Dispatch: false);
}

/// <summary>How every system runs in one row: worker processes, and jobs at once in each (our engine claims that many at a time).</summary>
internal sealed record PeerShape(int Processes, int Concurrency)
{
    public static PeerShape Parse(string text) => text.Split('x') is [var processes, var concurrency]
        ? new PeerShape(int.Parse(processes, CultureInfo.InvariantCulture), int.Parse(concurrency, CultureInfo.InvariantCulture))
        : throw new ArgumentException($"'{text}' is not processes x workers.");

    public override string ToString() => $"{Processes} × {Concurrency}";
}
