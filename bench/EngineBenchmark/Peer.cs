namespace TaskOrchestration.EngineBenchmark;

/// <summary>
/// One system the peers mode measures (our engine, graphile-worker, Hangfire): its own database, its worker processes
/// for a shape, its no-op jobs pre-filled so that they become claimable all at once, and a cheap look (on an index)
/// at whether any is left. Every system is timed by the same rule (PeersRun).
/// </summary>
internal interface IPeer
{
    /// <summary>The name in the report.</summary>
    string Name { get; }

    /// <summary>Its settings, as the report states them.</summary>
    string Settings { get; }

    /// <summary>Once per run: its schema and whatever its pre-fill copies.</summary>
    Task PrepareAsync();

    /// <summary>Before each row: the last row's jobs gone and the tables vacuumed.</summary>
    Task ClearAsync();

    /// <summary>Starts the shape's worker processes and answers when all are ready to work.</summary>
    Task<WorkerFleet> StartAsync(PeerShape shape);

    /// <summary>Pre-fills <paramref name="jobs"/> no-op jobs; answers the database's time at which they became claimable.</summary>
    Task<DateTimeOffset> FillAsync(int jobs);

    /// <summary>How many jobs it recorded as done since the last clear, where it keeps them (graphile-worker deletes a done job: null).</summary>
    Task<long?> CompletedAsync();

    /// <summary>Whether every job is done, and the database's time of the look.</summary>
    Task<(bool Drained, DateTimeOffset At)> LookAsync();
}
