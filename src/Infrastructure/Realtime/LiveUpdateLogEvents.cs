namespace TaskOrchestration.Infrastructure.Realtime;

/// <summary>The live-update listener's log event ids, stable for log queries and alerts.</summary>
public static class LiveUpdateLogEvents
{
    // 6103 until 2026-12-07, which the webhook sender's DeliveryGivenUp also had.
    public const int ForwardFailed = 6401;
}
