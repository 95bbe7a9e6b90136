namespace TaskOrchestration.Infrastructure.Email;

/// <summary>
/// The email sender's log event ids, stable for log queries and alerts: 62xx, beside the outbox's 60xx and the
/// webhooks' 61xx (7001–7004 until 2026-12-07, which the scheduler's ids also used).
/// </summary>
public static class EmailLogEvents
{
    public const int SendingFailed = 6201;
    public const int AttemptFailed = 6202;
    public const int GaveUp = 6203;
    public const int LeaseLost = 6204;
    public const int AttemptLost = 6205;
    public const int LostAndGaveUp = 6206;
}
