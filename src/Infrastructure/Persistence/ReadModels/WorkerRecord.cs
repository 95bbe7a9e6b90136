namespace TaskOrchestration.Infrastructure.Persistence.ReadModels;

/// <summary>A worker process as it registers itself: written at start, by its claims and on every heartbeat, read by GET /workers.</summary>
internal sealed class WorkerRecord
{
    public WorkerRecord(string id, string host, int processId, string[] kinds, int concurrency, DateTimeOffset startedAt)
    {
        Id = id;
        Host = host;
        ProcessId = processId;
        Kinds = kinds;
        Concurrency = concurrency;
        StartedAt = startedAt;
        LastSeenAt = startedAt;
    }

    public string Id { get; private set; }

    public string Host { get; private set; }

    public int ProcessId { get; private set; }

    /// <summary>The kinds it claims.</summary>
    public string[] Kinds { get; private set; }

    /// <summary>How many tasks it runs at once.</summary>
    public int Concurrency { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    /// <summary>
    /// Until when it holds the tasks leased to it: set by its claims and extended by its heartbeat; once it passes,
    /// the reaper requeues them. One lease per worker, so that a heartbeat writes this row and no task's.
    /// </summary>
    public DateTimeOffset? LeaseUntil { get; private set; }

    /// <summary>Set when it shut down cleanly; a worker that is neither stopped nor seen lately has died.</summary>
    public DateTimeOffset? StoppedAt { get; private set; }
}
