namespace TaskOrchestration.Infrastructure.Events;

/// <summary>The outbox dispatcher's log event ids, stable for log queries and alerts.</summary>
public static class EventLogEvents
{
    public const int DispatchFailed = 6001;
    public const int DeliveryFailed = 6002;
    public const int EventParked = 6003;
    public const int Dispatched = 6004;
    public const int DeliveringByConsumer = 6005;
}
