namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// The engine's log event ids, stable so that log queries, alerts and the multi-process tests can rely on them
/// (the JSON console formatter writes them as EventId).
/// </summary>
public static class EngineLogEvents
{
    public const int WorkerStarted = 5001;
    public const int WorkerStopped = 5002;
    public const int Idle = 5003;
    public const int AttemptStarted = 5010;
    public const int AttemptFinished = 5011;
    public const int HandlerThrew = 5012;
    public const int LeaseLost = 5013;
    public const int OutcomesLost = 5014;
    public const int Fenced = 5015;
    public const int ReleasedLost = 5016;
    public const int ReleaseLostFailed = 5017;
    public const int ClaimFailed = 5020;
    public const int HeartbeatFailed = 5021;
    public const int DatabaseCallFailed = 5022;
    public const int Draining = 5030;
    public const int GaveBack = 5031;
    public const int Reaped = 5040;
    public const int ReapFailed = 5041;
    public const int Archived = 5042;
}
