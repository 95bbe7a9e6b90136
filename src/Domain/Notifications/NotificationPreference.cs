using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Notifications;

/// <summary>
/// A person's choice for one notification type, stored only once they made it; until then
/// <see cref="NotificationPolicy.Defaults"/> applies.
/// </summary>
public sealed class NotificationPreference
{
    private NotificationPreference()
    {
    }

    public Guid UserId { get; private set; }

    public EventType Type { get; private set; }

    public bool InApp { get; private set; }

    public bool Email { get; private set; }

    public NotificationChannels Channels => new(InApp, Email);

    public static NotificationPreference Choose(Guid userId, EventType type, NotificationChannels channels)
    {
        NotificationPolicy.EnsureNotifiable(type);
        return new NotificationPreference { UserId = userId, Type = type, InApp = channels.InApp, Email = channels.Email };
    }

    public void Change(NotificationChannels channels)
    {
        InApp = channels.InApp;
        Email = channels.Email;
    }
}
