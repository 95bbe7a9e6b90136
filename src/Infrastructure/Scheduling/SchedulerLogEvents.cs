namespace TaskOrchestration.Infrastructure.Scheduling;

/// <summary>
/// The scheduler's log event ids, stable for log queries, alerts and the multi-process tests (which count runs by
/// <see cref="RunStarted"/>).
/// </summary>
public static class SchedulerLogEvents
{
    public const int SchedulerStarted = 7001;
    public const int Looked = 7002;
    public const int RunStarted = 7010;
    public const int RunFinished = 7011;
    public const int RunFailed = 7012;
    public const int FinishNotRecorded = 7013;
    // 7014 was a run's own heartbeat failing, until runs were held by the worker's lease (2026-12-07): not to be reused.
    public const int ClaimFailed = 7020;
}
