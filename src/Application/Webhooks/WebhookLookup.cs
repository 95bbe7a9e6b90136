using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Application.Webhooks;

internal static class WebhookLookup
{
    /// <summary>The subscription, at the version the caller expects (HTTP If-Match) when they name one.</summary>
    public static async Task<WebhookSubscription> GetAsync(this IWebhookSubscriptionRepository subscriptions, Guid id, uint? expectedVersion, CancellationToken cancellationToken)
    {
        var subscription = await subscriptions.FindAsync(id, cancellationToken) ?? throw new NotFoundException("Webhook", id);
        return expectedVersion is { } expected && expected != subscription.Version
            ? throw new PreconditionFailedException(expected, subscription.Version)
            : subscription;
    }

    /// <summary>Refuses (400 <c>webhook_url_forbidden</c>) a URL whose host is, or resolves to, an internal address.</summary>
    public static async Task EnsureAllowedAsync(this IWebhookDestinationPolicy policy, string url, CancellationToken cancellationToken)
    {
        // The aggregate has checked the URL's form; the network rules need the resolver, so they live behind the port.
        if (await policy.RefusalAsync(new Uri(url, UriKind.Absolute), cancellationToken) is { } refusal)
        {
            throw new DomainException(WebhookErrors.ForbiddenDestination(refusal));
        }
    }
}
