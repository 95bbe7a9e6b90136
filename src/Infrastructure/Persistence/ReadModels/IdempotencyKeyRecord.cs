namespace TaskOrchestration.Infrastructure.Persistence.ReadModels;

/// <summary>An Idempotency-Key a user sent, with what it was sent with and the answer it got.</summary>
internal sealed class IdempotencyKeyRecord
{
    public IdempotencyKeyRecord(Guid userId, string scope, string key, string requestFingerprint, string? answer, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        UserId = userId;
        Scope = scope;
        Key = key;
        RequestFingerprint = requestFingerprint;
        Answer = answer;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid UserId { get; private set; }

    public string Scope { get; private set; }

    public string Key { get; private set; }

    public string RequestFingerprint { get; private set; }

    /// <summary>The answer as JSON; null only inside the transaction that claimed the key.</summary>
    public string? Answer { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }
}
