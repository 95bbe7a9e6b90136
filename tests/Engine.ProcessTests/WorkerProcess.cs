using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Scheduling;

namespace TaskOrchestration.Engine.ProcessTests;

/// <summary>
/// The real host, TaskOrchestration.WebApi.dll, started with <c>--role worker</c> as its own operating-system
/// process. It logs JSON lines; the engine's per-attempt events (Debug) are the record of what it executed.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<AttemptEvent> _attempts = new();
    private readonly ConcurrentQueue<ScheduledRunEvent> _scheduledRuns = new();
    private readonly ConcurrentQueue<SchedulerLook> _schedulerLooks = new();
    private readonly TaskCompletionSource<DateTimeOffset> _schedulerStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _otherOutput = new();
    private readonly TaskCompletionSource<string> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    /// <summary>The id the worker registered with (it leases tasks under it).</summary>
    public string WorkerId => _started.Task.IsCompletedSuccessfully ? _started.Task.Result : throw new InvalidOperationException($"{Name} has not started.");

    public bool HasExited => _process.HasExited;

    /// <summary>When the test killed it: the end of whatever it was running.</summary>
    public DateTimeOffset? KilledAt { get; private set; }

    public IReadOnlyCollection<AttemptEvent> Attempts => _attempts;

    /// <summary>The scheduled runs it started and ended, from its scheduler's log (event ids 7010, 7011).</summary>
    public IReadOnlyCollection<ScheduledRunEvent> ScheduledRuns => _scheduledRuns;

    /// <summary>Each time its scheduler looked for due slots (event id 7002, at Debug).</summary>
    public IReadOnlyCollection<SchedulerLook> SchedulerLooks => _schedulerLooks;

    /// <summary>Completes with the time its scheduler started (event id 7001).</summary>
    public Task<DateTimeOffset> SchedulerStarted => _schedulerStarted.Task;

    /// <summary>Starts the process and waits until its worker has registered.</summary>
    public static async Task<WorkerProcess> StartAsync(string name, string connectionString, string keysFolder, IReadOnlyDictionary<string, string> settings)
    {
        var start = HostProcessStart.For(role: "worker", connectionString, keysFolder, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Logging:Console:FormatterOptions:TimestampFormat"] = "O",
            ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
            ["Logging:LogLevel:TaskOrchestration.Infrastructure.Engine"] = "Debug",
        }, settings);

        var process = new Process { StartInfo = start };
        var worker = new WorkerProcess(name, process);
        process.OutputDataReceived += (_, line) => worker.Read(line.Data);
        process.ErrorDataReceived += (_, line) => worker.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var started = await Task.WhenAny(worker._started.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != worker._started.Task)
        {
            // Stopped before failing: a worker that is merely slow to start would otherwise outlive the test run.
            await worker.DisposeAsync();
            throw new InvalidOperationException($"{name} did not start: {worker.Output}");
        }

        return worker;
    }

    /// <summary>SIGKILL: the process ends at once, finishing nothing and releasing nothing.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        KilledAt ??= DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// SIGSTOP: the process stops where it is, as a machine starved of CPU stops it, holding its leases, its
    /// connections and its running handlers; nothing in it runs (no heartbeat, no fence) until <see cref="Thaw"/>.
    /// </summary>
    public void Freeze() => Signal("STOP");

    /// <summary>SIGCONT: a frozen process runs again from where it stopped.</summary>
    public void Thaw() => Signal("CONT");

    /// <summary>What the process printed besides the attempt events, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_otherOutput)
            {
                return $"[{Name}] {_otherOutput}";
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -{signal} {Name} failed with exit code {kill.ExitCode}.");
    }

    private void Read(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        if (JsonLogLine.Parse(line) is not { } entry)
        {
            Keep(line);
            return;
        }

        var eventId = entry.TryGetProperty("EventId", out var id) ? id.GetInt32() : 0;
        var state = entry.TryGetProperty("State", out var values) ? values : default;
        switch (eventId)
        {
            case EngineLogEvents.WorkerStarted:
                _started.TrySetResult(Text(state, "WorkerId"));
                break;
            case EngineLogEvents.AttemptStarted or EngineLogEvents.AttemptFinished:
                _attempts.Enqueue(new AttemptEvent(
                    Name,
                    eventId == EngineLogEvents.AttemptStarted,
                    Guid.Parse(Text(state, "TaskId")),
                    int.Parse(Text(state, "Attempt"), CultureInfo.InvariantCulture),
                    DateTimeOffset.Parse(entry.GetProperty("Timestamp").GetString()!, CultureInfo.InvariantCulture),
                    eventId == EngineLogEvents.AttemptFinished ? Text(state, "Outcome") : null));
                break;
            case SchedulerLogEvents.SchedulerStarted:
                _schedulerStarted.TrySetResult(DateTimeOffset.Parse(entry.GetProperty("Timestamp").GetString()!, CultureInfo.InvariantCulture));
                break;
            case SchedulerLogEvents.Looked:
                _schedulerLooks.Enqueue(new SchedulerLook(
                    Name,
                    DateTimeOffset.Parse(Text(state, "LookedAt"), CultureInfo.InvariantCulture),
                    DateTimeOffset.Parse(entry.GetProperty("Timestamp").GetString()!, CultureInfo.InvariantCulture),
                    DateTimeOffset.Parse(Text(state, "NextLookBy"), CultureInfo.InvariantCulture)));
                break;
            case SchedulerLogEvents.RunStarted or SchedulerLogEvents.RunFinished:
                _scheduledRuns.Enqueue(new ScheduledRunEvent(
                    Name,
                    eventId == SchedulerLogEvents.RunStarted,
                    Text(state, "Job"),
                    DateTimeOffset.Parse(Text(state, "Slot"), CultureInfo.InvariantCulture),
                    eventId == SchedulerLogEvents.RunFinished ? Text(state, "Outcome") : null,
                    DateTimeOffset.Parse(entry.GetProperty("Timestamp").GetString()!, CultureInfo.InvariantCulture)));
                break;
            default:
                Keep(line);
                break;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_otherOutput)
        {
            // Enough to explain a failure, not a whole run's warnings.
            if (_otherOutput.Length < 20_000)
            {
                _otherOutput.AppendLine(line);
            }
        }
    }

    private static string Text(JsonElement state, string name) =>
        state.GetProperty(name) is { ValueKind: JsonValueKind.String } text ? text.GetString()! : state.GetProperty(name).GetRawText();
}

/// <summary>One line of a worker's scheduler record: it started, or ended, a run of a job for a slot; logged at <paramref name="At"/>.</summary>
public sealed record ScheduledRunEvent(string Worker, bool IsStart, string Job, DateTimeOffset Slot, string? Outcome, DateTimeOffset At);

/// <summary>
/// A worker's scheduler looked for due slots at <paramref name="LookedAt"/> (the time its claims were for), had sent
/// its claims by <paramref name="DoneAt"/>, and meant to look again by <paramref name="NextLookBy"/>.
/// </summary>
public sealed record SchedulerLook(string Worker, DateTimeOffset LookedAt, DateTimeOffset DoneAt, DateTimeOffset NextLookBy);

/// <summary>One line of a worker's execution record: it started, or finished, running an attempt of a task.</summary>
public sealed record AttemptEvent(string Worker, bool IsStart, Guid TaskId, int Attempt, DateTimeOffset At, string? Outcome);
