using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Infrastructure.Persistence.ReadModels;

/// <summary>
/// An automated task the engine may claim, or one a worker holds: the narrow row that the claim, the lease and the
/// reaper read and write instead of the task's (docs/adr/0031-work-items.md). It exists exactly while its task is
/// automated, pending or running, and not archived; its kind, priority, age, submitter and run-after are the task's,
/// copied so that a claim reads this table alone. Written by the saves that change those (ApplicationDbContext,
/// WorkItemWrites) and by the engine's batches (TaskBatchWriter).
/// </summary>
internal sealed class WorkItemRecord
{
    public WorkItemRecord(Guid id, string kind, TaskPriority priority, DateTimeOffset createdAt, Guid createdBy, DateTimeOffset? runAfter)
    {
        Id = id;
        Kind = kind;
        Priority = priority;
        CreatedAt = createdAt;
        CreatedBy = createdBy;
        RunAfter = runAfter;
    }

    /// <summary>The task's id.</summary>
    public Guid Id { get; private set; }

    public string Kind { get; private set; }

    public TaskPriority Priority { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid CreatedBy { get; private set; }

    /// <summary>Not claimed before this time (a scheduled submission, a retry's backoff).</summary>
    public DateTimeOffset? RunAfter { get; private set; }

    /// <summary>The worker that holds the current attempt (its lease is the worker's: <c>workers.lease_until</c>); null while claimable.</summary>
    public string? LeasedBy { get; private set; }

    /// <summary>When that worker claimed it.</summary>
    public DateTimeOffset? LeasedAt { get; private set; }
}
