using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Notifications;

/// <summary>The notification rules a request can break, with their stable codes.</summary>
public static class NotificationErrors
{
    public static DomainError NotNotifiable(EventType type) =>
        new("not_a_notification_type", $"'{type}' is not a type anyone is notified of.", ErrorKind.Validation);
}
