using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

internal sealed class WebhookSubscriptionRepository(ApplicationDbContext db) : IWebhookSubscriptionRepository
{
    public Task<WebhookSubscription?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.WebhookSubscriptions.FirstOrDefaultAsync(subscription => subscription.Id == id, cancellationToken);

    public void Add(WebhookSubscription subscription) => db.WebhookSubscriptions.Add(subscription);

    // The database deletes its deliveries with it (ON DELETE CASCADE).
    public void Remove(WebhookSubscription subscription) => db.WebhookSubscriptions.Remove(subscription);

    public Task<Page<WebhookSubscription>> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var subscriptions = db.WebhookSubscriptions.AsNoTracking();
        var pageStart = subscriptions.OrderByDescending(subscription => subscription.CreatedAt).ThenByDescending(subscription => subscription.Id).Skip((page.Number - 1) * page.Size);
        return PageReader.ReadAsync(subscriptions, pageStart, page, cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListActiveAsync(CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.AsNoTracking().Where(subscription => subscription.IsActive).ToListAsync(cancellationToken);
}
