namespace TaskOrchestration.Application.Tasks.Queries.ListTasks;

/// <summary>What a task list can be ordered by; ties are broken by id so pages are stable.</summary>
public enum TaskSortField
{
    /// <summary>Creation time.</summary>
    CreatedAt,

    /// <summary>Last change.</summary>
    UpdatedAt,

    /// <summary>Due date; tasks without one come last.</summary>
    DueDate,

    /// <summary>Priority, from low to critical.</summary>
    Priority,

    /// <summary>Title, alphabetically.</summary>
    Title,
}
