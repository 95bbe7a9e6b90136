namespace TaskOrchestration.Infrastructure.Hosting;

/// <summary>The LISTEN connection's log event ids, stable for log queries, alerts and the process tests.</summary>
public static class DatabaseListenerLogEvents
{
    public const int Listening = 6301;
    public const int ListenFailed = 6302;
}
