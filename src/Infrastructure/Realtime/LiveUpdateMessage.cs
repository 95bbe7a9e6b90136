using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Notifications;

namespace TaskOrchestration.Infrastructure.Realtime;

/// <summary>
/// What travels on the backplane (a PostgreSQL NOTIFY payload): an event with the team that decides who may see it,
/// a notification with the one person it is for, or the news that what a user may see changed.
/// </summary>
internal sealed record LiveUpdateMessage(
    LiveUpdateKind Kind,
    Guid? TeamId = null,
    EventEnvelope? Envelope = null,
    Guid? RecipientId = null,
    NotificationDto? Notification = null,
    Guid? UserId = null)
{
    /// <summary>The NOTIFY channel every API instance listens on.</summary>
    public const string Channel = "taskorch_live_updates";

    /// <summary>
    /// NOTIFY payloads must stay under 8,000 bytes; an event whose data is larger (a long result) travels without
    /// it, marked <c>{"truncated": true}</c>: clients fetch the task for the rest. Notifications are small by rule.
    /// </summary>
    public const int MaxPayloadBytes = 7_500;

    public static LiveUpdateMessage ForEvent(Guid? teamId, EventEnvelope envelope) => new(LiveUpdateKind.TaskEvent, TeamId: teamId, Envelope: envelope);

    public static LiveUpdateMessage ForNotification(Guid recipientId, NotificationDto notification) => new(LiveUpdateKind.Notification, RecipientId: recipientId, Notification: notification);

    public static LiveUpdateMessage ForAccessChange(Guid userId) => new(LiveUpdateKind.AccessChanged, UserId: userId);
}

internal enum LiveUpdateKind
{
    TaskEvent,
    Notification,
    AccessChanged,
}
