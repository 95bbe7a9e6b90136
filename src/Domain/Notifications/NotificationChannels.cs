namespace TaskOrchestration.Domain.Notifications;

/// <summary>How a person is told of one type of notification: in the inbox, by email, both or neither.</summary>
public readonly record struct NotificationChannels(bool InApp, bool Email)
{
    public static NotificationChannels None => default;

    public bool Any => InApp || Email;
}
