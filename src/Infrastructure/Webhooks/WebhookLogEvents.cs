namespace TaskOrchestration.Infrastructure.Webhooks;

/// <summary>The webhook sender's log event ids, stable for log queries and alerts.</summary>
public static class WebhookLogEvents
{
    public const int SendFailed = 6101;
    public const int AttemptFailed = 6102;
    public const int DeliveryGivenUp = 6103;
    public const int OutcomeLost = 6104;
    public const int Sent = 6105;
    public const int DeliveryCrashed = 6106;
}
