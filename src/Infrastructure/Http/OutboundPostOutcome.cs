namespace TaskOrchestration.Infrastructure.Http;

/// <summary>How one outbound POST ended, as every sender of webhooks reads it.</summary>
internal enum OutboundPostOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>A failure that may pass: a network error, a timeout, 408, 429 or 5xx. Worth another attempt.</summary>
    MayPass,

    /// <summary>Refused for good: any other answer (4xx, a redirect, which is not followed), or a forbidden destination.</summary>
    Refused,
}

/// <summary>The outcome of one outbound POST, the receiver's HTTP status if it answered, and a one-line account.</summary>
internal sealed record OutboundPostResult(OutboundPostOutcome Outcome, int? StatusCode, string Message);
