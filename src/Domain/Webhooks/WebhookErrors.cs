using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Webhooks;

/// <summary>The rules webhook subscriptions and deliveries refuse to break, each with its stable code.</summary>
public static class WebhookErrors
{
    public const string ForbiddenDestinationCode = "webhook_url_forbidden";

    public static readonly DomainError InvalidUrl =
        new("invalid_webhook_url", $"A webhook URL is an absolute http or https URL of at most {WebhookSubscription.UrlMaxLength} characters, without user name or password.", ErrorKind.Validation);

    public static readonly DomainError InvalidEventTypes =
        new("invalid_event_types", "A webhook wants at least one event type, and only event types (dailySummary is a notification, not an event).", ErrorKind.Validation);

    public static readonly DomainError InvalidDescription =
        new("invalid_webhook_description", $"A webhook's description has at most {WebhookSubscription.DescriptionMaxLength} characters.", ErrorKind.Validation);

    public static readonly DomainError DeliverySettled =
        new("webhook_delivery_settled", "The delivery has already succeeded or failed for good.", ErrorKind.Conflict);

    /// <summary>The URL's host is, or resolves to, an address of an internal network (<paramref name="reason"/> says which).</summary>
    public static DomainError ForbiddenDestination(string reason) =>
        new(ForbiddenDestinationCode, $"{reason} Webhooks may not target loopback, private, link-local or other internal networks.", ErrorKind.Validation);
}
