using TaskOrchestration.Application.Queues;
using TaskOrchestration.Application.Workers;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>What the worker engine is doing: its workers and its queues, read from the database.</summary>
public interface IEngineMonitor
{
    /// <summary>The workers seen since <paramref name="since"/>, newest first; lost is no heartbeat since <paramref name="lostBefore"/>.</summary>
    Task<IReadOnlyList<WorkerDto>> ListWorkersAsync(DateTimeOffset since, DateTimeOffset lostBefore, CancellationToken cancellationToken);

    /// <summary>The counts of each of <paramref name="kinds"/> at <paramref name="now"/>.</summary>
    Task<IReadOnlyList<QueueDto>> ListQueuesAsync(IReadOnlyList<string> kinds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Pauses (or resumes) a kind; answers whether anything changed.</summary>
    Task<bool> SetPausedAsync(string kind, bool paused, Guid actorId, DateTimeOffset now, CancellationToken cancellationToken);
}
