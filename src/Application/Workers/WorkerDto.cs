namespace TaskOrchestration.Application.Workers;

/// <summary>A worker process, as it registered itself, with what it runs now.</summary>
public sealed class WorkerDto
{
    /// <summary>The worker's id: host, process id and a random suffix.</summary>
    public required string Id { get; init; }

    /// <summary>The machine (or container) it runs on.</summary>
    public required string Host { get; init; }

    /// <summary>Its operating-system process id.</summary>
    public int ProcessId { get; init; }

    /// <summary>The kinds it claims.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>How many tasks it runs at once.</summary>
    public int Concurrency { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Its last heartbeat.</summary>
    public DateTimeOffset LastSeenAt { get; init; }

    /// <summary>When it shut down cleanly; null while it runs (or if it died).</summary>
    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>active (heartbeats arrive), stopped (shut down cleanly) or lost (no heartbeat for longer than a lease).</summary>
    public WorkerStatus Status { get; init; }

    /// <summary>The attempts it holds now.</summary>
    public IReadOnlyList<WorkerAttemptDto> Running { get; init; } = [];
}

/// <summary>Whether a worker is alive.</summary>
public enum WorkerStatus
{
    /// <summary>Heartbeats arrive.</summary>
    Active,

    /// <summary>It shut down cleanly.</summary>
    Stopped,

    /// <summary>No heartbeat for longer than a lease: it died or lost the database; the reaper requeues its tasks.</summary>
    Lost,
}

/// <summary>One attempt a worker runs.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Attempt">Which attempt.</param>
/// <param name="LeaseExpiresAt">Until when the worker holds it.</param>
public sealed record WorkerAttemptDto(Guid TaskId, string Kind, int Attempt, DateTimeOffset? LeaseExpiresAt);
