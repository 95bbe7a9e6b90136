namespace TaskOrchestration.Domain.Tasks;

/// <summary>Where a task is in its lifecycle (see <see cref="TaskLifecycle"/>).</summary>
public enum TaskItemStatus
{
    /// <summary>Being prepared; nobody can take it yet.</summary>
    Draft,

    /// <summary>Published and waiting for someone to take it.</summary>
    Pending,

    /// <summary>Taken by its owner, who is working on it.</summary>
    Running,

    /// <summary>Finished by its owner. Terminal.</summary>
    Done,

    /// <summary>Its owner gave up with a reason; it can be retried.</summary>
    Failed,

    /// <summary>Called off. Terminal.</summary>
    Cancelled,
}
