namespace TaskOrchestration.Application.Common.Exceptions;

/// <summary>An idempotency key came back with a different request than the one it was first used for.</summary>
public sealed class IdempotencyKeyReusedException()
    : Exception("This Idempotency-Key was used for a different request in the last 24 hours; use a new key for a new request.")
{
    public const string Code = "idempotency_key_reused";
}
