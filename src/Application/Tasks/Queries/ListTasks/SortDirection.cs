namespace TaskOrchestration.Application.Tasks.Queries.ListTasks;

/// <summary>Ascending or descending order.</summary>
public enum SortDirection
{
    /// <summary>Smallest first.</summary>
    Asc,

    /// <summary>Largest first.</summary>
    Desc,
}
