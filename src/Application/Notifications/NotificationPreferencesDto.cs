namespace TaskOrchestration.Application.Notifications;

/// <summary>Every notification type with how the signed-in user is told of it.</summary>
public sealed class NotificationPreferencesDto
{
    /// <summary>One entry per type, in a fixed order.</summary>
    public required IReadOnlyList<NotificationPreferenceDto> Preferences { get; init; }

    public static NotificationPreferencesDto From(IReadOnlyDictionary<Domain.Common.EventType, Domain.Notifications.NotificationChannels> chosen)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        return new NotificationPreferencesDto
        {
            Preferences = [.. Domain.Notifications.NotificationPolicy.NotifiableTypes.Select(type =>
            {
                var isDefault = !chosen.TryGetValue(type, out var channels);
                var effective = Domain.Notifications.NotificationPolicy.Effective(type, isDefault ? null : channels);
                return new NotificationPreferenceDto { Type = type, InApp = effective.InApp, Email = effective.Email, IsDefault = isDefault };
            })],
        };
    }
}
