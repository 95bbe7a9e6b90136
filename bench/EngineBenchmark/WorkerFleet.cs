using System.Diagnostics;
using System.Globalization;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>Worker processes of the Release build (<c>--role worker</c>), as a deployment runs them; or a peer's (<see cref="Of"/>).</summary>
internal sealed class WorkerFleet : IAsyncDisposable
{
    /// <summary>
    /// The throughput rows' settings: the tasks are written in bulk by SQL, which announces nothing, so the workers
    /// look every 100 ms when idle; the engine writes its events to the outbox in its own transactions (the raw loop
    /// does too), and what the dispatcher then does with them is another workload, left out of this measurement.
    /// </summary>
    private static readonly string[] ThroughputSettings = ["--Worker:PollInterval=00:00:00.100", "--Outbox:Dispatch=false"];

    private readonly List<Process> _processes = [];

    private WorkerFleet()
    {
    }

    public IReadOnlyList<Process> Processes => _processes;

    /// <summary>Starts <paramref name="shape"/>'s processes with <paramref name="settings"/> (command-line settings; the throughput rows' when null).</summary>
    public static WorkerFleet Start(BenchmarkOptions options, EngineShape shape, IReadOnlyList<string>? settings = null)
    {
        var fleet = new WorkerFleet();
        for (var i = 0; i < shape.Processes; i++)
        {
            fleet._processes.Add(HostProcess.Start(options.WorkerDll, [
                "--role", "worker",
                "--urls", "http://127.0.0.1:0",
                "--environment", "Production",
                $"--ConnectionStrings:Default={options.Connection}",
                $"--Jwt:KeysPath={options.KeysFolder}",
                "--Logging:LogLevel:Default=Warning",
                $"--Worker:Concurrency={shape.Concurrency.ToString(CultureInfo.InvariantCulture)}",
                $"--Worker:BatchSize={shape.Batch.ToString(CultureInfo.InvariantCulture)}",
                $"--Worker:OutcomeBatchSize={shape.Batch.ToString(CultureInfo.InvariantCulture)}",
                .. settings ?? ThroughputSettings]));
        }

        return fleet;
    }

    /// <summary>A fleet of processes already started (a peer's workers), measured and stopped as ours are.</summary>
    public static WorkerFleet Of(IEnumerable<Process> processes)
    {
        var fleet = new WorkerFleet();
        fleet._processes.AddRange(processes);
        return fleet;
    }

    /// <summary>The peak resident memory of each process so far, in MiB (/proc/PID/status, VmHWM).</summary>
    public IReadOnlyList<double> PeakResidentMiB() => [.. _processes.Select(process => StatusMiB(process, "VmHWM:"))];

    /// <summary>Resident memory of each process, in MiB (/proc/PID/status, VmRSS).</summary>
    public IReadOnlyList<double> ResidentMiB() => [.. _processes.Select(process => StatusMiB(process, "VmRSS:"))];

    /// <summary>The CPU time (user and system) the processes have used so far.</summary>
    public TimeSpan CpuTime()
    {
        foreach (var process in _processes)
        {
            process.Refresh();
        }

        return _processes.Aggregate(TimeSpan.Zero, (sum, process) => sum + process.TotalProcessorTime);
    }

    private static double StatusMiB(Process process, string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(text => text.StartsWith(field, StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public bool AnyExited => _processes.Any(process => process.HasExited);

    /// <summary>SIGTERM, as an orchestrator stops a worker, then waits for the graceful shutdown.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.Where(process => !process.HasExited))
        {
            using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }

        foreach (var process in _processes)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            process.Dispose();
        }
    }
}
