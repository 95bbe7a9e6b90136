namespace TaskOrchestration.Application.Common.Idempotency;

/// <summary>Keeps each idempotency key with the request it came with and the answer it got.</summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// In one transaction: claims the key (a new one, or one whose window has passed), runs
    /// <paramref name="runAndSerialize"/> and stores its answer with the key, committing both together or neither.
    /// A key that is live is not claimed: nothing runs and the stored record is returned. A concurrent request with
    /// the same key waits for the first to commit (or roll back) before it decides.
    /// </summary>
    Task<IdempotencyRecord> RunOnceAsync(IdempotencyClaim claim, Func<Task<string>> runAndSerialize, CancellationToken cancellationToken);
}

/// <param name="UserId">Keys are the client's own: the same key from another user is another key.</param>
/// <param name="Scope">The operation (the command's name), so one key cannot replay another endpoint's answer.</param>
/// <param name="Key">The client's key.</param>
/// <param name="RequestFingerprint">A hash of the request, to tell a repeat from a different request under the same key.</param>
/// <param name="Now">The time of the claim.</param>
/// <param name="ExpiresAt">When the key may be used for a new request again.</param>
public sealed record IdempotencyClaim(Guid UserId, string Scope, string Key, string RequestFingerprint, DateTimeOffset Now, DateTimeOffset ExpiresAt);

/// <param name="Replayed">True when the key was already used and nothing ran now.</param>
/// <param name="RequestFingerprint">The fingerprint of the request that first used the key.</param>
/// <param name="AnswerJson">The answer that request got.</param>
public sealed record IdempotencyRecord(bool Replayed, string RequestFingerprint, string AnswerJson);
