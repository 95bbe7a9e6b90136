namespace TaskOrchestration.Domain.Webhooks;

/// <summary>Where a webhook delivery stands.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Not delivered yet: waiting for its first attempt, or for the next one after a failure that may pass.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Succeeded,

    /// <summary>Given up: the receiver refused it (a 4xx other than 408 and 429, a redirect, a forbidden address) or every attempt failed.</summary>
    Failed,
}
