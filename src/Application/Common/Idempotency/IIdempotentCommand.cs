namespace TaskOrchestration.Application.Common.Idempotency;

/// <summary>
/// A command that a client may send again safely: with the same <see cref="IdempotencyKey"/> (from the
/// Idempotency-Key header) within <see cref="Behaviours.IdempotencyBehaviour{TRequest, TResponse}.Window"/>, the first
/// answer is returned again and nothing runs twice.
/// </summary>
public interface IIdempotentCommand
{
    /// <summary>The client's key for this operation; null runs the command as usual.</summary>
    string? IdempotencyKey { get; }
}
