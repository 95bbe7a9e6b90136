using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Application.Notifications.DailySummary;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

internal sealed class DailySummaryReader(ApplicationDbContext db) : IDailySummaryReader
{
    private static readonly TaskItemStatus[] OpenStatuses = [TaskItemStatus.Draft, TaskItemStatus.Pending, TaskItemStatus.Running];

    public async Task<IReadOnlyList<NotificationPerson>> PeopleAsync(Guid? after, int limit, CancellationToken cancellationToken)
    {
        Guid[] system = [SystemActors.Engine.UserId, SystemActors.Scheduler.UserId];
        var users = db.Users.AsNoTracking().Where(user => user.DeactivatedAt == null && !system.Contains(user.Id));
        if (after is { } last)
        {
            users = users.Where(user => user.Id.CompareTo(last) > 0);
        }

        var people = await users.OrderBy(user => user.Id).Take(limit)
            .Select(user => new { user.Id, user.DisplayName, user.Email })
            .ToListAsync(cancellationToken);
        Guid[] ids = [.. people.Select(person => person.Id)];
        var choices = (await db.NotificationPreferences.AsNoTracking()
                .Where(preference => ids.Contains(preference.UserId) && preference.Type == EventType.DailySummary)
                .ToListAsync(cancellationToken))
            .ToLookup(preference => preference.UserId);
        return [.. people.Select(person => new NotificationPerson(person.Id, person.DisplayName, person.Email, true, NotificationAudience.Choices(choices[person.Id])))];
    }

    public async Task<IReadOnlyList<SummaryTask>> OpenTasksAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var open = db.Tasks.AsNoTracking().Where(task => OpenStatuses.Contains(task.Status) && task.ArchivedAt == null);
        var owned = await open
            .Where(task => task.OwnerId != null && userIds.Contains(task.OwnerId.Value))
            .Select(task => new SummaryTask(task.OwnerId!.Value, task.Id, task.Title, task.DueDate))
            .ToListAsync(cancellationToken);
        var assigned = await open
            .SelectMany(task => task.Assignees.Where(assignee => userIds.Contains(assignee.UserId)), (task, assignee) => new SummaryTask(assignee.UserId, task.Id, task.Title, task.DueDate))
            .ToListAsync(cancellationToken);
        return [.. owned.Concat(assigned).DistinctBy(task => (task.UserId, task.TaskId))];
    }

    public async Task<IReadOnlyList<SummaryTask>> CompletedTasksAsync(IReadOnlyCollection<Guid> userIds, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        // Completed in the window: a transition to done recorded in the task's history then (a done task never changes status again).
        var completed = await db.Tasks.AsNoTracking()
            .Where(task => task.Status == TaskItemStatus.Done && task.ArchivedAt == null
                && ((task.OwnerId != null && userIds.Contains(task.OwnerId.Value)) || userIds.Contains(task.CreatedBy))
                && db.TaskHistory.Any(entry => entry.TaskId == task.Id && entry.To == TaskItemStatus.Done && entry.OccurredAt >= since && entry.OccurredAt < until))
            .Select(task => new { task.Id, task.Title, task.DueDate, task.OwnerId, task.CreatedBy })
            .ToListAsync(cancellationToken);
        return [.. completed
            .SelectMany(task => new[] { task.OwnerId, task.CreatedBy }
                .Where(userId => userId is { } id && userIds.Contains(id))
                .Select(userId => new SummaryTask(userId!.Value, task.Id, task.Title, task.DueDate)))
            .DistinctBy(task => (task.UserId, task.TaskId))];
    }
}
