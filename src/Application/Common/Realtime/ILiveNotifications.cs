using TaskOrchestration.Application.Notifications;

namespace TaskOrchestration.Application.Common.Realtime;

/// <summary>
/// Sends new notifications live to their recipients (the hub's <c>notification</c> method), with the transaction of
/// the unit of work they were added to: when it commits, and only then.
/// </summary>
public interface ILiveNotifications
{
    Task PublishAsync(IReadOnlyList<LiveNotification> notifications, CancellationToken cancellationToken);
}

/// <summary>A notification on its way to the one person it is for.</summary>
/// <param name="RecipientId">Who receives it.</param>
/// <param name="Notification">What their inbox shows.</param>
public sealed record LiveNotification(Guid RecipientId, NotificationDto Notification);
