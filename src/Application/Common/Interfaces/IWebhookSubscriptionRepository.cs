using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>Loads and stores webhook subscriptions.</summary>
public interface IWebhookSubscriptionRepository
{
    Task<WebhookSubscription?> FindAsync(Guid id, CancellationToken cancellationToken);

    void Add(WebhookSubscription subscription);

    /// <summary>Deletes the subscription, and with it its deliveries.</summary>
    void Remove(WebhookSubscription subscription);

    /// <summary>One page of the subscriptions, newest first.</summary>
    Task<Page<WebhookSubscription>> ListAsync(PageRequest page, CancellationToken cancellationToken);

    /// <summary>Every active subscription (read only): those an event may become a delivery to.</summary>
    Task<IReadOnlyList<WebhookSubscription>> ListActiveAsync(CancellationToken cancellationToken);
}
