using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>Stores webhook deliveries and reads them back for admins.</summary>
public interface IWebhookDeliveryRepository
{
    void Add(WebhookDelivery delivery);

    /// <summary>The (subscription, event) pairs among <paramref name="eventIds"/> that already have a delivery.</summary>
    Task<IReadOnlySet<(Guid SubscriptionId, Guid EventId)>> ExistingAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken);

    /// <summary>One page of a subscription's deliveries, newest first, all of them or those in <paramref name="status"/>.</summary>
    Task<Page<WebhookDelivery>> ListAsync(Guid subscriptionId, WebhookDeliveryStatus? status, PageRequest page, CancellationToken cancellationToken);
}
