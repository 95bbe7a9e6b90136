using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

internal sealed class WebhookDeliveryRepository(ApplicationDbContext db) : IWebhookDeliveryRepository
{
    public void Add(WebhookDelivery delivery) => db.WebhookDeliveries.Add(delivery);

    public async Task<IReadOnlySet<(Guid SubscriptionId, Guid EventId)>> ExistingAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken)
    {
        Guid[] ids = [.. eventIds];
        var existing = await db.WebhookDeliveries.AsNoTracking()
            .Where(delivery => ids.Contains(delivery.EventId))
            .Select(delivery => new { delivery.SubscriptionId, delivery.EventId })
            .ToListAsync(cancellationToken);
        return existing.Select(pair => (pair.SubscriptionId, pair.EventId)).ToHashSet();
    }

    public Task<Page<WebhookDelivery>> ListAsync(Guid subscriptionId, WebhookDeliveryStatus? status, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(delivery => delivery.SubscriptionId == subscriptionId);
        if (status is { } wanted)
        {
            deliveries = deliveries.Where(delivery => delivery.Status == wanted);
        }

        var pageStart = deliveries.OrderByDescending(delivery => delivery.CreatedAt).ThenByDescending(delivery => delivery.Id).Skip((page.Number - 1) * page.Size);
        return PageReader.ReadAsync(deliveries, pageStart, page, cancellationToken);
    }
}
