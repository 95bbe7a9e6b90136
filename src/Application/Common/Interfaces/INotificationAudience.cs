using TaskOrchestration.Application.Notifications;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>
/// What the notification consumer reads to decide who is told what, for a whole batch of events at once and without
/// loading aggregates: who is involved in each task, and each person's name, address, state and choices.
/// </summary>
public interface INotificationAudience
{
    /// <summary>The tasks among <paramref name="taskIds"/> that exist (archived ones included), by id.</summary>
    Task<IReadOnlyDictionary<Guid, TaskParticipants>> TasksAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken);

    /// <summary>The users among <paramref name="userIds"/> that exist, by id, with the notification choices they made.</summary>
    Task<IReadOnlyDictionary<Guid, NotificationPerson>> PeopleAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);
}
