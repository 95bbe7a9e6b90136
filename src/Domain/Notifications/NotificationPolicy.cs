using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Notifications;

/// <summary>Which types can notify anyone, and how people are told of each until they choose otherwise.</summary>
public static class NotificationPolicy
{
    /// <summary>
    /// Every type a person can be notified of, in the order of <see cref="EventType"/>: all of them except
    /// taskCreated, which tells nobody anything (the creator is the only one involved in a new task).
    /// </summary>
    public static IReadOnlyList<EventType> NotifiableTypes { get; } =
        [.. Enum.GetValues<EventType>().Where(type => type != EventType.TaskCreated)];

    public static bool IsNotifiable(EventType type) => Enum.IsDefined(type) && type != EventType.TaskCreated;

    /// <summary>
    /// In the inbox for every type; by email only for what needs attention: an assignment, an overdue task, a failed
    /// task, and the daily summary.
    /// </summary>
    public static NotificationChannels Defaults(EventType type) =>
        !IsNotifiable(type) ? NotificationChannels.None
        : new(InApp: true, Email: type is EventType.TaskAssigned or EventType.TaskOverdue or EventType.TaskFailed or EventType.DailySummary);

    /// <summary>What applies to a person for <paramref name="type"/>: their stored choice, or the default.</summary>
    public static NotificationChannels Effective(EventType type, NotificationChannels? chosen) =>
        !IsNotifiable(type) ? NotificationChannels.None : chosen ?? Defaults(type);

    internal static void EnsureNotifiable(EventType type)
    {
        if (!IsNotifiable(type))
        {
            throw new DomainException(NotificationErrors.NotNotifiable(type));
        }
    }
}
