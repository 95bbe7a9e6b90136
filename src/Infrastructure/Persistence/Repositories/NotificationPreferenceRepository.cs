using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

internal sealed class NotificationPreferenceRepository(ApplicationDbContext db) : INotificationPreferenceRepository
{
    public async Task<IReadOnlyList<NotificationPreference>> ForUserAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.NotificationPreferences.Where(preference => preference.UserId == userId).ToListAsync(cancellationToken);

    public void Add(NotificationPreference preference) => db.NotificationPreferences.Add(preference);
}
