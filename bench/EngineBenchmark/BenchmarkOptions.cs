using System.Globalization;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>The driver's command line (bench/engine-throughput.sh and bench/engine-latency.sh pass the first four; the latter <c>--mode latency</c> and <c>--label</c> too).</summary>
internal sealed record BenchmarkOptions(
    string Connection,
    string WorkerDll,
    string KeysFolder,
    string Output,
    int Tasks,
    IReadOnlyList<EngineShape> Shapes,
    IReadOnlyList<(int Connections, int Batch)> RawShapes,
    int MemoryTasks,
    int WarmUpTasks,
    string Mode,
    int Samples,
    string Label,
    int HogThreads,
    bool Dispatch)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required.");
        int Number(string name, int fallback) => values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

        // processes x concurrency x batch: one process at a time first, then scaled out.
        var shapes = (values.GetValueOrDefault("shapes") ?? "1x10x10,1x50x50,1x100x100,1x200x200,1x400x400,2x100x100")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(EngineShape.Parse)
            .ToList();
        var raw = (values.GetValueOrDefault("raw-shapes") ?? "1x10,1x50,2x50,2x100,2x200,3x200")
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(shape => shape.Split('x') is [var connections, var batch]
                ? (int.Parse(connections, CultureInfo.InvariantCulture), int.Parse(batch, CultureInfo.InvariantCulture))
                : throw new ArgumentException($"'{shape}' is not connections x batch."))
            .ToList();
        return new BenchmarkOptions(
            Required("connection"), Required("worker-dll"), Required("keys"), Required("output"),
            Number("tasks", 20_000), shapes, raw, Number("memory-tasks", 1_000_000), Number("warmup-tasks", 20_000),
            values.GetValueOrDefault("mode") ?? "throughput", Number("samples", 1_000), values.GetValueOrDefault("label") ?? "this build",
            Number("hog-threads", 0), values.GetValueOrDefault("dispatch") == "true");
    }
}

/// <summary>How the engine runs in one measurement: worker processes, attempts at once in each, tasks per claim.</summary>
internal sealed record EngineShape(int Processes, int Concurrency, int Batch)
{
    public static EngineShape Parse(string text) => text.Split('x') is [var processes, var concurrency, var batch]
        ? new EngineShape(int.Parse(processes, CultureInfo.InvariantCulture), int.Parse(concurrency, CultureInfo.InvariantCulture), int.Parse(batch, CultureInfo.InvariantCulture))
        : throw new ArgumentException($"'{text}' is not processes x concurrency x batch.");

    public override string ToString() => $"{Processes} × {Concurrency} at once, claims of {Batch}";
}
