using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using TaskOrchestration.EngineBenchmark;
using TaskOrchestration.TestSupport;

// The worker engine's throughput against PostgreSQL's ceiling, and its memory over a long run (docs/performance.md);
// with --mode latency, how soon an idle engine starts a task submitted to it (LatencyRun); with --mode peers, our
// engine beside graphile-worker and Hangfire (PeersRun).
if (args.SkipWhile(arg => arg != "--mode").Skip(1).FirstOrDefault() == "peers")
{
    await PeersRun.RunAsync(PeersOptions.Parse(args));
    return 0;
}

var options = BenchmarkOptions.Parse(args);
if (options.Mode == "latency")
{
    await LatencyRun.RunAsync(options);
    return 0;
}

await using var database = NpgsqlDataSource.Create(options.Connection);
var queue = new Queue(database);
var report = new StringBuilder();
void Say(string line)
{
    Console.WriteLine(line);
    report.AppendLine(line);
}

Say($"# Worker engine benchmark ({DateTimeOffset.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores)");
Say(string.Empty);
Say($"Each row: {options.Tasks:N0} `system.noop` tasks submitted in one bulk insert, then processed until all are done (after {options.WarmUpTasks:N0} untimed).");
Say(string.Empty);
Say("| Engine: worker processes × attempts at once, claim size | tasks/s | worker CPU µs per task |");
Say("|---|---:|---:|");
var engineResults = new List<(EngineShape Shape, EngineResult Result)>();
foreach (var shape in options.Shapes)
{
    var result = await MeasureEngineAsync(shape, options.Tasks, hogThreads: 0);
    engineResults.Add((shape, result));
    Say($"| {shape} | {result.Rate:N0} | {result.WorkerCpuMicrosecondsPerTask:N0} |");
}

if (options.HogThreads > 0)
{
    // The same shapes again on oversubscribed CPUs: does the engine degrade with the CPU it gets, or collapse?
    Say(string.Empty);
    Say($"The same rows with {options.HogThreads} busy threads (normal priority, in the driver) running through each timed drain; the machine's CPU is read from /proc/stat, the driver's own (the busy threads) taken out.");
    Say(string.Empty);
    Say("| Engine | unloaded tasks/s | loaded tasks/s | ratio | cores used, unloaded → loaded | ratio | machine CPU µs per task, unloaded → loaded |");
    Say("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var (shape, unloaded) in engineResults)
    {
        var loaded = await MeasureEngineAsync(shape, options.Tasks, options.HogThreads);
        Say($"| {shape} | {unloaded.Rate:N0} | {loaded.Rate:N0} | {loaded.Rate / unloaded.Rate:N2} | {unloaded.EngineCores:N2} → {loaded.EngineCores:N2} | {loaded.EngineCores / unloaded.EngineCores:N2} | {unloaded.MachineCpuMicrosecondsPerTask:N0} → {loaded.MachineCpuMicrosecondsPerTask:N0} |");
    }
}

Say(string.Empty);
Say("| Raw SQL ceiling: connections, claim size | tasks/s |");
Say("|---|---:|");
var rawResults = new List<double>();
// The driver warms up too (Npgsql's statement and type paths), untimed, before the first raw row.
await queue.ClearAsync();
await queue.SubmitAsync(options.WarmUpTasks);
await new RawCeiling(database).MeasureAsync(1, 50, options.WarmUpTasks);
foreach (var (connections, batch) in options.RawShapes)
{
    await queue.ClearAsync();
    await queue.SubmitAsync(options.Tasks);
    var rate = await new RawCeiling(database).MeasureAsync(connections, batch, options.Tasks);
    rawResults.Add(rate);
    Say($"| {connections} connection{(connections == 1 ? "" : "s")}, claims of {batch} | {rate:N0} |");
}

var bestEngine = engineResults.Select(row => (row.Shape, row.Result.Rate)).MaxBy(result => result.Rate);
var bestRaw = rawResults.Max();
Say(string.Empty);
Say($"Best engine: {bestEngine.Rate:N0} tasks/s ({bestEngine.Shape}); best raw: {bestRaw:N0} tasks/s; ratio {bestEngine.Rate / bestRaw:P0}.");

if (options.MemoryTasks > 0)
{
    Say(string.Empty);
    await MeasureMemoryAsync(new EngineShape(1, bestEngine.Shape.Concurrency, bestEngine.Shape.Batch), options.MemoryTasks);
}

await File.WriteAllTextAsync(options.Output, report.ToString());
return 0;

async Task<EngineResult> MeasureEngineAsync(EngineShape shape, int tasks, int hogThreads)
{
    await queue.ClearAsync();
    // Paused while the processes start, so that the clock starts with every worker ready.
    await queue.PauseAsync();
    await using var fleet = WorkerFleet.Start(options, shape);
    await WaitForAsync(async () => await queue.LiveWorkersAsync() == shape.Processes, fleet, TimeSpan.FromSeconds(60));

    // Warm-up, not timed: a cold process's first seconds (JIT, EF Core's model, the connection pool) are not its throughput.
    await queue.SubmitAsync(options.WarmUpTasks);
    await queue.ResumeAsync();
    await WaitForAsync(async () => await queue.CountAsync("done") == options.WarmUpTasks, fleet, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(250));
    await queue.PauseAsync();

    await queue.SubmitAsync(tasks);
    using var hog = hogThreads > 0 ? CpuHog.Start(hogThreads) : null;
    var cpuBefore = fleet.CpuTime();
    var machineBefore = MachineCpu.Busy() - Process.GetCurrentProcess().TotalProcessorTime;
    var started = await queue.ResumeAsync();
    // Timed by the database's clock, from the resume to the last completion, so that how often the driver looks
    // (a count over every task, several milliseconds of the same two cores) neither adds to the time nor takes
    // much from the workers.
    await WaitForAsync(async () => await queue.CountAsync("done") == options.WarmUpTasks + tasks, fleet, TimeSpan.FromMinutes(30), TimeSpan.FromMilliseconds(500));
    var elapsed = await queue.LastCompletionAsync() - started;
    var cpu = fleet.CpuTime() - cpuBefore;
    // Everything but the driver (and its busy threads): the workers, PostgreSQL, and whatever else the machine ran.
    var machine = MachineCpu.Busy() - Process.GetCurrentProcess().TotalProcessorTime - machineBefore;
    return new EngineResult(tasks / elapsed.TotalSeconds, cpu.TotalMicroseconds / tasks, machine / elapsed, machine.TotalMicroseconds / tasks);
}

async Task MeasureMemoryAsync(EngineShape shape, int tasks)
{
    Console.WriteLine($"Submitting {tasks:N0} tasks for the memory run...");
    await queue.ClearAsync();
    await queue.SubmitAsync(tasks);
    await queue.PauseAsync();
    await using var fleet = WorkerFleet.Start(options, shape);
    await WaitForAsync(async () => await queue.LiveWorkersAsync() == 1, fleet, TimeSpan.FromSeconds(60));
    await queue.ResumeAsync();
    var watch = Stopwatch.StartNew();
    var samples = new List<(long Done, double Mib)>();
    var nextSample = 0L;
    long done;
    while ((done = await queue.CountAsync("done")) < tasks)
    {
        if (fleet.AnyExited)
        {
            throw new InvalidOperationException("A worker process exited during the memory run.");
        }

        if (done >= nextSample)
        {
            samples.Add((done, fleet.ResidentMiB()[0]));
            Console.WriteLine($"  {done:N0} done, {samples[^1].Mib:N0} MiB resident");
            nextSample += tasks / 10;
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
    }

    samples.Add((done, fleet.ResidentMiB()[0]));
    watch.Stop();
    Say($"Memory over {tasks:N0} tasks, one process ({shape.Concurrency} at once, claims of {shape.Batch}), {tasks / watch.Elapsed.TotalSeconds:N0} tasks/s:");
    Say(string.Empty);
    Say("| tasks done | resident MiB |");
    Say("|---:|---:|");
    foreach (var (count, mib) in samples)
    {
        Say($"| {count.ToString("N0", CultureInfo.InvariantCulture)} | {mib:N0} |");
    }

    var afterWarmUp = samples.Count > 2 ? samples[1].Mib : samples[0].Mib;
    Say(string.Empty);
    Say($"Growth after the first tenth: {samples[^1].Mib - afterWarmUp:+0;-0} MiB over {tasks - samples[Math.Min(1, samples.Count - 1)].Done:N0} tasks.");
}

static async Task WaitForAsync(Func<Task<bool>> condition, WorkerFleet fleet, TimeSpan timeout, TimeSpan? interval = null)
{
    var deadline = DateTimeOffset.UtcNow + timeout;
    while (!await condition())
    {
        if (fleet.AnyExited)
        {
            throw new InvalidOperationException("A worker process exited; its errors are above.");
        }

        if (DateTimeOffset.UtcNow > deadline)
        {
            throw new TimeoutException($"Not done within {timeout}.");
        }

        await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
    }
}

/// <summary>
/// One engine row: its throughput, the CPU its worker processes spent per task (user and system), and the machine's
/// CPU besides the driver's (workers and PostgreSQL) as cores used over the drain and per task.
/// </summary>
internal sealed record EngineResult(double Rate, double WorkerCpuMicrosecondsPerTask, double EngineCores, double MachineCpuMicrosecondsPerTask);
