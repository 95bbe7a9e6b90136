using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tags;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

internal sealed class TaskRepository(ApplicationDbContext db, TimeProvider clock) : ITaskRepository
{
    public Task<TaskItem?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Tasks.FirstOrDefaultAsync(task => task.Id == id, cancellationToken);

    public void Add(TaskItem task) => db.Tasks.Add(task);

    public async Task<Page<TaskHistoryEntry>> HistoryAsync(Guid taskId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var entries = db.TaskHistory.AsNoTracking().Where(entry => entry.TaskId == taskId);
        var totalCount = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderBy(entry => entry.OccurredAt).ThenBy(entry => entry.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<TaskHistoryEntry>(items, page, pageSize, totalCount);
    }

    public async Task<IReadOnlyList<TagUsage>> TagUsageAsync(TaskVisibility visibility, CancellationToken cancellationToken)
    {
        var counts = await Visible(db.Tasks.AsNoTracking().Where(task => task.ArchivedAt == null), visibility)
            .SelectMany(task => task.Tags.Select(tag => tag.Name))
            .GroupBy(name => name)
            .Select(group => new { Name = group.Key, Count = group.Count() })
            .OrderByDescending(usage => usage.Count).ThenBy(usage => usage.Name)
            .ToListAsync(cancellationToken);
        return [.. counts.Select(usage => new TagUsage(usage.Name, usage.Count))];
    }

    public async Task<Page<TaskItem>> ListAsync(ListTasksQuery query, TaskVisibility visibility, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(visibility);
        var tasks = Visible(Filter(db.Tasks.AsNoTracking(), query, clock.GetUtcNow()), visibility);

        var totalCount = await tasks.CountAsync(cancellationToken);
        var sorted = Sort(After(tasks, TaskListCursor.TryDecode(query.Cursor)), query.SortBy, query.SortDirection);
        var window = query.Cursor is null ? sorted.Skip((query.Page - 1) * query.PageSize) : sorted;

        // One more than a page tells whether another page follows, without a second query.
        var items = await window.Take(query.PageSize + 1).ToListAsync(cancellationToken);
        var hasMore = items.Count > query.PageSize;
        return new Page<TaskItem>(hasMore ? items[..query.PageSize] : items, query.Page, query.PageSize, totalCount, hasMore);
    }

    /// <summary>Keyset paging: the tasks strictly after the cursor's (key, id) in the sort's direction, as a row comparison.</summary>
    private static IQueryable<TaskItem> After(IQueryable<TaskItem> tasks, TaskListCursor? cursor)
    {
        if (cursor is null)
        {
            return tasks;
        }

        var ascending = cursor.Direction == SortDirection.Asc;
        return cursor.SortBy switch
        {
            TaskSortField.UpdatedAt => ascending
                ? tasks.Where(task => EF.Functions.GreaterThan(ValueTuple.Create(task.UpdatedAt, task.Id), ValueTuple.Create(cursor.KeyAsTime, cursor.Id)))
                : tasks.Where(task => EF.Functions.LessThan(ValueTuple.Create(task.UpdatedAt, task.Id), ValueTuple.Create(cursor.KeyAsTime, cursor.Id))),
            TaskSortField.Priority => ascending
                ? tasks.Where(task => EF.Functions.GreaterThan(ValueTuple.Create(task.Priority, task.Id), ValueTuple.Create(cursor.KeyAsPriority, cursor.Id)))
                : tasks.Where(task => EF.Functions.LessThan(ValueTuple.Create(task.Priority, task.Id), ValueTuple.Create(cursor.KeyAsPriority, cursor.Id))),
            TaskSortField.Title => ascending
                ? tasks.Where(task => EF.Functions.GreaterThan(ValueTuple.Create(task.Title, task.Id), ValueTuple.Create(cursor.Key, cursor.Id)))
                : tasks.Where(task => EF.Functions.LessThan(ValueTuple.Create(task.Title, task.Id), ValueTuple.Create(cursor.Key, cursor.Id))),
            _ => ascending
                ? tasks.Where(task => EF.Functions.GreaterThan(ValueTuple.Create(task.CreatedAt, task.Id), ValueTuple.Create(cursor.KeyAsTime, cursor.Id)))
                : tasks.Where(task => EF.Functions.LessThan(ValueTuple.Create(task.CreatedAt, task.Id), ValueTuple.Create(cursor.KeyAsTime, cursor.Id))),
        };
    }

    private static IQueryable<TaskItem> Visible(IQueryable<TaskItem> tasks, TaskVisibility visibility)
    {
        if (visibility.AllTeams)
        {
            return tasks;
        }

        var teamIds = visibility.TeamIds.ToList();
        return tasks.Where(task => task.TeamId == null || teamIds.Contains(task.TeamId.Value));
    }

    private static IQueryable<TaskItem> Filter(IQueryable<TaskItem> tasks, ListTasksQuery query, DateTimeOffset now)
    {
        if (query.DueBefore is { } dueBefore)
        {
            tasks = tasks.Where(task => task.DueDate < dueBefore);
        }

        if (query.DueAfter is { } dueAfter)
        {
            tasks = tasks.Where(task => task.DueDate > dueAfter);
        }

        if (query.Overdue)
        {
            TaskItemStatus[] open = [TaskItemStatus.Draft, TaskItemStatus.Pending, TaskItemStatus.Running];
            tasks = tasks.Where(task => task.DueDate < now && open.Contains(task.Status));
        }

        tasks = query.Archived ? tasks.Where(task => task.ArchivedAt != null) : tasks.Where(task => task.ArchivedAt == null);

        if (query.Status is { Count: > 0 } statuses)
        {
            tasks = tasks.Where(task => statuses.Contains(task.Status));
        }

        if (query.Priority is { Count: > 0 } priorities)
        {
            tasks = tasks.Where(task => priorities.Contains(task.Priority));
        }

        if (query.OwnerId is { } ownerId)
        {
            tasks = tasks.Where(task => task.OwnerId == ownerId);
        }

        foreach (var tag in (query.Tag ?? []).Select(tag => tag.Trim().ToLowerInvariant()).Distinct())
        {
            tasks = tasks.Where(task => task.Tags.Any(taskTag => taskTag.Name == tag));
        }

        if (query.AssigneeId is { } assigneeId)
        {
            tasks = tasks.Where(task => task.Assignees.Any(assignee => assignee.UserId == assigneeId));
        }

        if (query.TeamId is { } teamId)
        {
            tasks = tasks.Where(task => task.TeamId == teamId);
        }

        if (query.CreatedBy is { } createdBy)
        {
            tasks = tasks.Where(task => task.CreatedBy == createdBy);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = $"%{LikePattern.Escape(query.Search.Trim())}%";
            tasks = tasks.Where(task =>
                EF.Functions.ILike(task.Title, pattern, LikePattern.EscapeCharacter)
                || (task.Description != null && EF.Functions.ILike(task.Description, pattern, LikePattern.EscapeCharacter)));
        }

        return tasks;
    }

    private static IOrderedQueryable<TaskItem> Sort(IQueryable<TaskItem> tasks, TaskSortField field, SortDirection direction) => field switch
    {
        TaskSortField.UpdatedAt => OrderThenById(tasks, task => task.UpdatedAt, direction),
        // Tasks without a due date come last in both directions (PostgreSQL would put NULLs first when descending).
        TaskSortField.DueDate => direction == SortDirection.Asc
            ? tasks.OrderBy(task => task.DueDate == null).ThenBy(task => task.DueDate).ThenBy(task => task.Id)
            : tasks.OrderBy(task => task.DueDate == null).ThenByDescending(task => task.DueDate).ThenByDescending(task => task.Id),
        TaskSortField.Priority => OrderThenById(tasks, task => task.Priority, direction),
        TaskSortField.Title => OrderThenById(tasks, task => task.Title, direction),
        _ => OrderThenById(tasks, task => task.CreatedAt, direction),
    };

    /// <summary>The id breaks ties, so equal keys never swap places between pages.</summary>
    private static IOrderedQueryable<TaskItem> OrderThenById<TKey>(IQueryable<TaskItem> tasks, Expression<Func<TaskItem, TKey>> key, SortDirection direction) =>
        direction == SortDirection.Asc
            ? tasks.OrderBy(key).ThenBy(task => task.Id)
            : tasks.OrderByDescending(key).ThenByDescending(task => task.Id);
}
