using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Application.Notifications;

/// <summary>How the signed-in user is told of one type of notification.</summary>
public sealed class NotificationPreferenceDto
{
    /// <summary>The notification type.</summary>
    public EventType Type { get; init; }

    /// <summary>Whether it appears in the inbox (GET /api/v1/notifications).</summary>
    public bool InApp { get; init; }

    /// <summary>Whether it is sent by email.</summary>
    public bool Email { get; init; }

    /// <summary>True while the user has not chosen for this type, so the default applies.</summary>
    public bool IsDefault { get; init; }
}
