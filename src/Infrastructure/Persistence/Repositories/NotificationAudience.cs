using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

/// <summary>The notification consumer's reads: a few columns of many rows, untracked, one statement per kind of row.</summary>
internal sealed class NotificationAudience(ApplicationDbContext db) : INotificationAudience
{
    public async Task<IReadOnlyDictionary<Guid, TaskParticipants>> TasksAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken)
    {
        var tasks = await db.Tasks.AsNoTracking()
            .Where(task => taskIds.Contains(task.Id))
            .Select(task => new
            {
                task.Id,
                task.Title,
                task.Kind,
                task.CreatedBy,
                task.OwnerId,
                AssigneeIds = task.Assignees.Select(assignee => assignee.UserId).ToList(),
            })
            .ToListAsync(cancellationToken);
        return tasks.ToDictionary(task => task.Id, task => new TaskParticipants(task.Id, task.Title, task.Kind, task.CreatedBy, task.OwnerId, task.AssigneeIds));
    }

    public async Task<IReadOnlyDictionary<Guid, NotificationPerson>> PeopleAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var people = await db.Users.AsNoTracking()
            .Where(user => userIds.Contains(user.Id))
            .Select(user => new { user.Id, user.DisplayName, user.Email, user.DeactivatedAt })
            .ToListAsync(cancellationToken);
        var choices = (await db.NotificationPreferences.AsNoTracking()
                .Where(preference => userIds.Contains(preference.UserId))
                .ToListAsync(cancellationToken))
            .ToLookup(preference => preference.UserId);
        return people.ToDictionary(
            person => person.Id,
            person => new NotificationPerson(person.Id, person.DisplayName, person.Email, person.DeactivatedAt is null, Choices(choices[person.Id])));
    }

    internal static IReadOnlyDictionary<EventType, NotificationChannels> Choices(IEnumerable<NotificationPreference> preferences) =>
        preferences.ToDictionary(preference => preference.Type, preference => preference.Channels);
}
