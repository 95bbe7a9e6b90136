namespace TaskOrchestration.Application.Notifications;

/// <summary>The outcome of marking the whole inbox read.</summary>
public sealed class MarkedNotificationsDto
{
    /// <summary>How many notifications were unread and are now read.</summary>
    public int Marked { get; init; }
}
