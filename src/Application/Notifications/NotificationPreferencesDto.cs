using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Application.Notifications;

/// <summary>Every notification type with how the signed-in user is told of it.</summary>
public sealed class NotificationPreferencesDto
{
    /// <summary>One entry per type, in a fixed order.</summary>
    public required IReadOnlyList<NotificationPreferenceDto> Preferences { get; init; }

    /// <summary>Every notifiable type with its effective values, from the choices a person made.</summary>
    public static NotificationPreferencesDto From(IReadOnlyDictionary<EventType, NotificationChannels> chosen)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        return new NotificationPreferencesDto
        {
            Preferences = [.. NotificationPolicy.NotifiableTypes.Select(type =>
            {
                var isDefault = !chosen.TryGetValue(type, out var channels);
                var effective = NotificationPolicy.Effective(type, isDefault ? null : channels);
                return new NotificationPreferenceDto { Type = type, InApp = effective.InApp, Email = effective.Email, IsDefault = isDefault };
            })],
        };
    }
}
