using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Application.Notifications;

/// <summary>Who is told of an event (before their preferences decide how): docs/events.md, "Notifications".</summary>
public static class NotificationRecipients
{
    /// <summary>
    /// The people involved in the task (owner, creator, assignees), without the actor (never told of their own
    /// action), the system users and deactivated people. A new task tells nobody. An automated task is machine work:
    /// only its death (taskFailed) and its cancellation are told, to its creator; its runs, retries and completion are
    /// for webhooks.
    /// </summary>
    /// <param name="type">What happened.</param>
    /// <param name="actorId">Who did it.</param>
    /// <param name="task">The task it happened to, as it is now.</param>
    /// <param name="isActive">Whether a user is active (exists and was not deactivated).</param>
    public static IReadOnlyList<Guid> For(EventType type, Guid actorId, TaskParticipants task, Func<Guid, bool> isActive)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(isActive);
        if (type is EventType.TaskCreated or EventType.DailySummary || !Enum.IsDefined(type))
        {
            return [];
        }

        IEnumerable<Guid> involved = !task.IsAutomated ? task.Involved
            : type is EventType.TaskFailed or EventType.TaskCancelled ? [task.CreatedBy]
            : [];
        return [.. involved.Where(userId => userId != actorId && !SystemActors.IsSystem(userId) && isActive(userId))];
    }
}
