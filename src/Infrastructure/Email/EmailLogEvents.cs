namespace TaskOrchestration.Infrastructure.Email;

/// <summary>The email sender's log event ids, stable for log queries and alerts.</summary>
public static class EmailLogEvents
{
    public const int SendingFailed = 7001;
    public const int AttemptFailed = 7002;
    public const int GaveUp = 7003;
    public const int LeaseLost = 7004;
}
