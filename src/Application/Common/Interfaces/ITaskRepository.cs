using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tags;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>Loads and stores task aggregates.</summary>
public interface ITaskRepository
{
    Task<TaskItem?> FindAsync(Guid id, CancellationToken cancellationToken);

    void Add(TaskItem task);

    /// <summary>
    /// Up to <paramref name="limit"/> tasks the overdue job flags at <paramref name="now"/>: open (as the list's
    /// overdue filter means it), not archived, past their due date and not flagged yet; earliest due first, loaded
    /// to be changed and saved.
    /// </summary>
    Task<IReadOnlyList<TaskItem>> ListUnflaggedOverdueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>How many live tasks that <paramref name="visibility"/> lets through carry each tag, most used first.</summary>
    Task<IReadOnlyList<TagUsage>> TagUsageAsync(TaskVisibility visibility, CancellationToken cancellationToken);

    /// <summary>One page of a task's history, oldest first.</summary>
    Task<Page<TaskHistoryEntry>> HistoryAsync(Guid taskId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>One page of the tasks that match the query's filters and that <paramref name="visibility"/> lets through, in order.</summary>
    Task<Page<TaskItem>> ListAsync(ListTasksQuery query, TaskVisibility visibility, CancellationToken cancellationToken);
}
