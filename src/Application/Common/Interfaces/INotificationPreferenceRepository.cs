using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>Loads and stores the notification choices people made (types without one follow the defaults).</summary>
public interface INotificationPreferenceRepository
{
    /// <summary>The choices <paramref name="userId"/> made, tracked so that changes to them are saved.</summary>
    Task<IReadOnlyList<NotificationPreference>> ForUserAsync(Guid userId, CancellationToken cancellationToken);

    void Add(NotificationPreference preference);
}
