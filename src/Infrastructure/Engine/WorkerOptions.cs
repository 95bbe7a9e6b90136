using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// The worker engine's settings (section <c>Worker</c>); docs/configuration.md lists them, docs/engine.md next to what Hangfire, River and Celery
/// use. Durations are TimeSpans ("00:00:30").
/// </summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Worker";

    /// <summary>How many tasks one process runs at once.</summary>
    public int Concurrency { get; set; } = 10;

    /// <summary>The most tasks one claim takes (never more than the free slots).</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>The most outcomes one transaction records (those that finished while the last one was written).</summary>
    public int OutcomeBatchSize { get; set; } = 100;

    /// <summary>The kinds this process claims; empty means every registered kind.</summary>
    public string[] Kinds { get; set; } = [];

    /// <summary>The kinds this process claims: the configured <see cref="Kinds"/>, or every kind a handler serves.</summary>
    public IReadOnlyList<string> ServedKinds(TaskKinds kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        return Kinds is { Length: > 0 } configured ? [.. configured.Distinct(StringComparer.Ordinal)] : kinds.Automated;
    }

    /// <summary>
    /// How long an idle worker waits before it looks for work again when nothing woke it. Idle workers are woken at
    /// once when work is announced (a submission, a retry, a reaped lease: EngineWake) and when a run-after comes, so
    /// this is a fallback for work nobody announced: rows written behind the application's back, or announced while
    /// the worker's LISTEN connection was down for longer than it takes to reconnect. Each look is a claim
    /// transaction per idle worker, so shorter costs the database more for no latency gained.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claim holds a task without a heartbeat; past it the reaper requeues the task.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a worker extends its leases, and so how soon it notices a cancelled or lost task.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each worker looks for expired leases.</summary>
    public TimeSpan ReaperInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>On shutdown, how long running handlers may go on before they are cancelled and their tasks given back.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first retry's nominal delay; it doubles per attempt (RetryBackoff).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = RetryBackoff.Default.BaseDelay;

    /// <summary>The longest nominal delay between attempts.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = RetryBackoff.Default.MaxDelay;

    /// <summary>
    /// Retention: automated tasks that ended (done, cancelled, dead) this long ago are archived by the reaper
    /// (out of the default list; the cleanup job deletes archived tasks later). Zero keeps them until someone archives them.
    /// </summary>
    public TimeSpan FinishedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Fairness: at most this many running tasks of one kind per submitter (0: no limit).</summary>
    public int MaxRunningPerCreator { get; set; }

    /// <summary>demo.title-parity: how long it waits before it answers.</summary>
    public TimeSpan DemoDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>http.webhook: where it may POST ("https://hooks.example.com/in" allows that path and below it, on that scheme, host and port); nowhere by default.</summary>
    public string[] WebhookAllowedUrls { get; set; } = [];

    /// <summary>http.webhook: how long it waits for an answer.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public RetryBackoff Backoff => new(RetryBaseDelay, RetryMaxDelay);
}
