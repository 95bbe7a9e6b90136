namespace TaskOrchestration.Domain.Webhooks;

/// <summary>What an attempt to deliver a webhook can come to, as the delivery's lifecycle reads it.</summary>
public enum WebhookDeliveryTrigger
{
    /// <summary>The receiver answered 2xx.</summary>
    Succeed,

    /// <summary>The attempt failed: tried again when the failure may pass and attempts remain, else given up.</summary>
    Fail,
}
