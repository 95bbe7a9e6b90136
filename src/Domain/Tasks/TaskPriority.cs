namespace TaskOrchestration.Domain.Tasks;

/// <summary>How urgent a task is; ordered from least to most urgent.</summary>
public enum TaskPriority
{
    /// <summary>Whenever there is time.</summary>
    Low,

    /// <summary>The default.</summary>
    Normal,

    /// <summary>Before normal work.</summary>
    High,

    /// <summary>Before everything else.</summary>
    Critical,
}
