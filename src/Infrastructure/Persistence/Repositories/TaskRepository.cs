using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tags;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Persistence.ReadModels;

namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

internal sealed class TaskRepository(ApplicationDbContext db, TimeProvider clock) : ITaskRepository
{
    public async Task<TaskItem?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(task => task.Id == id, cancellationToken);
        if (task is not null && await ShowHeldAsync([task], cancellationToken) > 0)
        {
            // Loaded as running: a save writes its status and owner only when the command changes them (a running
            // task's row reads pending, and ck_tasks_engine_runs_on_work_items keeps it so). Entry() has already seen
            // them change, so the values shown become the entry's original ones, and it is unchanged again.
            foreach (var entry in new[] { db.Entry<object>(task), db.Entry<object>(task.Run) })
            {
                entry.OriginalValues.SetValues(entry.CurrentValues);
                entry.State = EntityState.Unchanged;
            }
        }

        return task;
    }

    public void Add(TaskItem task) => db.Tasks.Add(task);

    public async Task<IReadOnlyList<TaskItem>> ListUnflaggedOverdueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        // The same open statuses as the list's overdue filter; ix_tasks_overdue_candidates holds exactly these rows.
        TaskItemStatus[] open = [.. TaskItem.OpenStatuses];
        return await db.Tasks
            .Where(task => task.DueDate < now && task.OverdueFlaggedAt == null && task.ArchivedAt == null && open.Contains(task.Status))
            .OrderBy(task => task.DueDate).ThenBy(task => task.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public Task<Page<TaskHistoryEntry>> HistoryAsync(Guid taskId, PageRequest page, CancellationToken cancellationToken)
    {
        // The entries as read: the stored ones and the engine's takes they imply (the view task_history_entries, ADR 0031).
        var entries = db.TaskHistory
            .FromSql($"SELECT * FROM task_history_entries WHERE task_id = {taskId}")
            .AsNoTracking();
        var pageStart = entries.OrderBy(entry => entry.OccurredAt).ThenBy(entry => entry.Id).Skip((page.Number - 1) * page.Size);
        return PageReader.ReadAsync(entries, pageStart, page, cancellationToken);
    }

    public async Task<IReadOnlyList<TagUsage>> TagUsageAsync(TaskVisibility visibility, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visibility);
        // Counted per team by the database as tasks change (TagUsageCount): the visible teams' counts are summed.
        var counts = db.TagUsageCounts.AsNoTracking().Where(count => count.LiveTasks > 0);
        if (!visibility.AllTeams)
        {
            var teamKeys = visibility.TeamIds.Append(TagUsageCount.NoTeam).ToList();
            counts = counts.Where(count => teamKeys.Contains(count.TeamKey));
        }

        var usage = await counts
            .GroupBy(count => count.Name)
            .Select(group => new { Name = group.Key, Count = group.Sum(count => count.LiveTasks) })
            .OrderByDescending(tag => tag.Count).ThenBy(tag => tag.Name)
            .ToListAsync(cancellationToken);
        return [.. usage.Select(tag => new TagUsage(tag.Name, tag.Count))];
    }

    public async Task<Page<TaskItem>> ListAsync(ListTasksQuery query, TaskVisibility visibility, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(visibility);
        var tasks = Visible(Filter(db.Tasks.AsNoTracking(), db.WorkItems, query, clock.GetUtcNow()), visibility);

        var sorted = Sort(After(tasks, TaskListCursor.TryDecode(query.Cursor)), query.SortBy, query.SortDirection);
        var pageStart = query.Cursor is null ? sorted.Skip((query.Page - 1) * query.PageSize) : sorted;
        var page = await PageReader.ReadAsync(tasks, pageStart, new PageRequest(query.Page, query.PageSize, query.IncludeTotal), cancellationToken);
        await ShowHeldAsync(page.Items, cancellationToken);
        return page;
    }

    /// <summary>
    /// A running automated task's row reads pending: the worker that holds it is on its work item, and the lease on
    /// the worker's row (docs/adr/0031-work-items.md). Read for the pending automated tasks among
    /// <paramref name="tasks"/>, one query, none when there are none (every person's task), and shown on them
    /// (TaskItem.ShowHeldBy).
    /// </summary>
    /// <returns>How many of them a worker holds.</returns>
    private async Task<int> ShowHeldAsync(IReadOnlyList<TaskItem> tasks, CancellationToken cancellationToken)
    {
        Guid[] ids = [.. tasks.Where(task => task is { IsAutomated: true, Status: TaskItemStatus.Pending }).Select(task => task.Id)];
        if (ids.Length == 0)
        {
            return 0;
        }

        var held = await (
            from item in db.WorkItems.AsNoTracking()
            where ids.Contains(item.Id) && item.LeasedBy != null
            join worker in db.Workers.AsNoTracking() on item.LeasedBy equals worker.Id into workers
            from worker in workers.DefaultIfEmpty()
            select new { item.Id, LeasedBy = item.LeasedBy!, LeaseUntil = worker == null ? null : worker.LeaseUntil })
            .ToListAsync(cancellationToken);
        var byTask = held.ToDictionary(item => item.Id);
        foreach (var task in tasks)
        {
            if (byTask.TryGetValue(task.Id, out var item))
            {
                task.ShowHeldBy(item.LeasedBy, item.LeaseUntil);
            }
        }

        return held.Count;
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

    private static IQueryable<TaskItem> Filter(IQueryable<TaskItem> tasks, IQueryable<WorkItemRecord> workItems, ListTasksQuery query, DateTimeOffset now)
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
            TaskItemStatus[] open = [.. TaskItem.OpenStatuses];
            tasks = tasks.Where(task => task.DueDate < now && open.Contains(task.Status));
        }

        tasks = query.Archived ? tasks.Where(task => task.ArchivedAt != null) : tasks.Where(task => task.ArchivedAt == null);

        // A running automated task's row reads pending, without an owner, while a worker holds its work item
        // (ShowHeldAsync): the filters on status and owner move the held tasks (at most the workers' concurrency) to
        // where they are shown, and the row's status or owner stays the indexed condition.
        var held = workItems.Where(item => item.LeasedBy != null).Select(item => item.Id);
        if (query.Status is { Count: > 0 } statuses)
        {
            var running = statuses.Contains(TaskItemStatus.Running);
            var pending = statuses.Contains(TaskItemStatus.Pending);
            if (running && !pending)
            {
                tasks = tasks.Where(task => statuses.Contains(task.Status) || (task.Status == TaskItemStatus.Pending && held.Contains(task.Id)));
            }
            else if (pending && !running)
            {
                tasks = tasks.Where(task => statuses.Contains(task.Status) && !(task.Status == TaskItemStatus.Pending && task.Kind != TaskAutomation.ManualKind && held.Contains(task.Id)));
            }
            else
            {
                tasks = tasks.Where(task => statuses.Contains(task.Status));
            }
        }

        if (query.Priority is { Count: > 0 } priorities)
        {
            tasks = tasks.Where(task => priorities.Contains(task.Priority));
        }

        if (query.OwnerId == SystemActors.Engine.UserId)
        {
            tasks = tasks.Where(task => task.OwnerId == SystemActors.Engine.UserId || (task.Status == TaskItemStatus.Pending && held.Contains(task.Id)));
        }
        else if (query.OwnerId is { } ownerId)
        {
            tasks = tasks.Where(task => task.OwnerId == ownerId);
        }

        if (query.Tag is { Count: > 0 })
        {
            // All of them: translated to "tags @> wanted", which the GIN index on tags serves.
            var wanted = query.Tag.Select(tag => tag.Trim().ToLowerInvariant()).Distinct().ToArray();
            tasks = tasks.Where(task => wanted.All(tag => task.Tags.Contains(tag)));
        }

        if (query.AssigneeId is { } assigneeId)
        {
            tasks = tasks.Where(task => task.Assignees.Any(assignee => assignee.UserId == assigneeId));
        }

        if (query.TeamId is { } teamId)
        {
            tasks = tasks.Where(task => task.TeamId == teamId);
        }

        if (query.Kind is { } kind)
        {
            tasks = tasks.Where(task => task.Kind == kind);
        }

        // Dead: an automated task that failed (the engine fails one only when its attempts are used up, or when
        // trying again cannot help); the same rule as TaskItem.IsDead.
        if (query.Dead is { } dead)
        {
            tasks = dead
                ? tasks.Where(task => task.Status == TaskItemStatus.Failed && task.Kind != TaskAutomation.ManualKind)
                : tasks.Where(task => !(task.Status == TaskItemStatus.Failed && task.Kind != TaskAutomation.ManualKind));
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
        // Tasks without a due date come last in both directions. Ascending, PostgreSQL already sorts NULLs last (and
        // the (due_date, id) index serves it); descending it would put them first, so the order leads with
        // "due_date IS NULL", which the expression index ix_tasks_due_date_missing_due_date_desc serves.
        TaskSortField.DueDate => direction == SortDirection.Asc
            ? tasks.OrderBy(task => task.DueDate).ThenBy(task => task.Id)
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
