using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>Loads and stores notifications.</summary>
public interface INotificationRepository
{
    void Add(Notification notification);

    /// <summary>The recipient's notification with this id; null when there is none, or it is someone else's.</summary>
    Task<Notification?> FindAsync(Guid id, Guid recipientId, CancellationToken cancellationToken);

    /// <summary>One page of the recipient's notifications, newest first; only the unread ones when <paramref name="unreadOnly"/>.</summary>
    Task<Page<Notification>> ListAsync(Guid recipientId, bool unreadOnly, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Marks every unread notification of the recipient read, in one statement that commits at once (not with the
    /// unit of work: an inbox may hold thousands); answers how many it marked.
    /// </summary>
    Task<int> MarkAllReadAsync(Guid recipientId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Which of these people already have a notification from the event <paramref name="eventId"/>.</summary>
    Task<IReadOnlySet<Guid>> RecipientsOfAsync(Guid eventId, IReadOnlyCollection<Guid> recipientIds, CancellationToken cancellationToken);
}
