namespace TaskOrchestration.Infrastructure.Hosting;

/// <summary>The LISTEN connection's and the queues' wake-up's (QueueWake) log event ids, stable for log queries, alerts and the process tests.</summary>
public static class DatabaseListenerLogEvents
{
    public const int Listening = 6301;
    public const int ListenFailed = 6302;
    public const int AnnounceFailed = 6303;
}
