using System.Globalization;

namespace TaskOrchestration.TaskListBenchmark;

/// <summary>The command line of the benchmark client; bench/task-list.sh passes every option.</summary>
internal sealed record BenchmarkOptions(
    Uri Api,
    string Connection,
    string AdminEmail,
    string AdminPassword,
    int Samples,
    int Warmup,
    int PageSize,
    int CursorDepth,
    int Concurrency,
    TimeSpan ThroughputDuration,
    string? OutputFile,
    string? Only)
{
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Count)
            {
                throw new ArgumentException($"Expected --name value pairs, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        string Required(string name) => values.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new ArgumentException($"--{name} is required.");
        int Number(string name, int fallback) => values.TryGetValue(name, out var value)
            ? int.Parse(value, CultureInfo.InvariantCulture)
            : fallback;

        return new BenchmarkOptions(
            new Uri(Required("api")),
            Required("connection"),
            Required("admin-email"),
            Required("admin-password"),
            Samples: Number("samples", 300),
            Warmup: Number("warmup", 30),
            PageSize: Number("page-size", 20),
            CursorDepth: Number("cursor-depth", 1000),
            Concurrency: Number("concurrency", 8),
            ThroughputDuration: TimeSpan.FromSeconds(Number("duration-seconds", 20)),
            OutputFile: values.GetValueOrDefault("output"),
            Only: values.GetValueOrDefault("only"));
    }
}
