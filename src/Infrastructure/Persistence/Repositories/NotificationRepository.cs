using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

internal sealed class NotificationRepository(ApplicationDbContext db) : INotificationRepository
{
    public void Add(Notification notification) => db.Notifications.Add(notification);

    public Task<Notification?> FindAsync(Guid id, Guid recipientId, CancellationToken cancellationToken) =>
        db.Notifications.FirstOrDefaultAsync(notification => notification.Id == id && notification.RecipientId == recipientId, cancellationToken);

    public Task<Page<Notification>> ListAsync(Guid recipientId, bool unreadOnly, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var inbox = db.Notifications.AsNoTracking().Where(notification => notification.RecipientId == recipientId);
        if (unreadOnly)
        {
            inbox = inbox.Where(notification => notification.ReadAt == null);
        }

        var pageStart = inbox.OrderByDescending(notification => notification.CreatedAt).ThenByDescending(notification => notification.Id)
            .Skip((page.Number - 1) * page.Size);
        return PageReader.ReadAsync(inbox, pageStart, page, cancellationToken);
    }

    public Task<int> MarkAllReadAsync(Guid recipientId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Notifications
            .Where(notification => notification.RecipientId == recipientId && notification.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(notification => notification.ReadAt, now), cancellationToken);

    public async Task<IReadOnlySet<Guid>> RecipientsOfAsync(Guid eventId, IReadOnlyCollection<Guid> recipientIds, CancellationToken cancellationToken) =>
        (await db.Notifications.AsNoTracking()
            .Where(notification => notification.EventId == eventId && recipientIds.Contains(notification.RecipientId))
            .Select(notification => notification.RecipientId)
            .ToListAsync(cancellationToken)).ToHashSet();
}
