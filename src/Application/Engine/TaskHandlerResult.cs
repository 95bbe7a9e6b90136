namespace TaskOrchestration.Application.Engine;

/// <summary>How an attempt ended: with an output (kept as the task's result), or with a reason it failed.</summary>
public sealed record TaskHandlerResult
{
    private TaskHandlerResult(bool succeeded, string? output, string? failureReason, bool retryable)
    {
        Succeeded = succeeded;
        Output = output;
        FailureReason = failureReason;
        Retryable = retryable;
    }

    public bool Succeeded { get; }

    public string? Output { get; }

    public string? FailureReason { get; }

    /// <summary>Whether another attempt could succeed; false fails the task for good at once.</summary>
    public bool Retryable { get; }

    public static TaskHandlerResult Success(string? output = null) => new(true, output, null, retryable: false);

    /// <summary>The attempt failed; the task is retried while it has attempts left.</summary>
    public static TaskHandlerResult Failure(string reason) => new(false, null, reason, retryable: true);

    /// <summary>The attempt failed and trying again cannot help (a 4xx answer, invalid input): no more attempts.</summary>
    public static TaskHandlerResult PermanentFailure(string reason) => new(false, null, reason, retryable: false);
}
