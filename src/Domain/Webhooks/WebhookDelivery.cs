using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Webhooks;

/// <summary>
/// One event on its way to one subscription: the exact body to POST, and what came of each attempt. Pending until
/// the receiver answers 2xx (succeeded), refuses it for good, or the attempts run out (failed).
/// </summary>
public sealed class WebhookDelivery : AggregateRoot
{
    public const int ErrorMaxLength = 2_000;

    private WebhookDelivery()
    {
        Payload = string.Empty;
    }

    public Guid SubscriptionId { get; private set; }

    /// <summary>The event's id: the <c>webhook-id</c> header, the same on every attempt, for the receiver to dedupe by.</summary>
    public Guid EventId { get; private set; }

    public EventType EventType { get; private set; }

    /// <summary>The event envelope as JSON: the exact body of every attempt.</summary>
    public string Payload { get; private set; }

    public WebhookDeliveryStatus Status { get; private set; }

    /// <summary>Attempts made so far, the successful one included.</summary>
    public int Attempts { get; private set; }

    /// <summary>When the next attempt is due; null once the delivery has succeeded or failed.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    /// <summary>The HTTP status of the last answer; null when the last attempt got none (network error, timeout, refused address).</summary>
    public int? LastStatusCode { get; private set; }

    /// <summary>Why the last attempt failed; null after a success.</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the receiver accepted it.</summary>
    public DateTimeOffset? DeliveredAt { get; private set; }

    public static WebhookDelivery Create(Guid subscriptionId, Guid eventId, EventType eventType, string payload, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(payload);
        if (!WebhookSubscription.IsSubscribable(eventType))
        {
            throw new DomainException(WebhookErrors.InvalidEventTypes);
        }

        return new WebhookDelivery
        {
            Id = Guid.CreateVersion7(now),
            SubscriptionId = subscriptionId,
            EventId = eventId,
            EventType = eventType,
            Payload = payload,
            Status = WebhookDeliveryStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }

    /// <summary>The receiver answered 2xx.</summary>
    public void RecordSuccess(int statusCode, DateTimeOffset now)
    {
        Status = WebhookDeliveryLifecycle.Fire(Status, WebhookDeliveryTrigger.Succeed);
        Attempts++;
        LastAttemptAt = now;
        LastStatusCode = statusCode;
        LastError = null;
        NextAttemptAt = null;
        DeliveredAt = now;
    }

    /// <summary>
    /// An attempt failed. A failure that may pass (<paramref name="mayPass"/>: network error, timeout, 408, 429, 5xx)
    /// is tried again after <paramref name="retryDelay"/>, unless this was attempt <paramref name="maxAttempts"/>;
    /// any other failure ends the delivery.
    /// </summary>
    public void RecordFailure(int? statusCode, string error, bool mayPass, int maxAttempts, TimeSpan retryDelay, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        Status = WebhookDeliveryLifecycle.Fire(Status, WebhookDeliveryTrigger.Fail, mayTryAgain: mayPass && Attempts + 1 < maxAttempts);
        Attempts++;
        LastAttemptAt = now;
        LastStatusCode = statusCode;
        LastError = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        NextAttemptAt = Status == WebhookDeliveryStatus.Pending ? now + retryDelay : null;
    }
}
