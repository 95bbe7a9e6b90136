using System.Security.Cryptography;
using System.Text.Json;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Idempotency;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Common.Behaviours;

/// <summary>
/// Runs an <see cref="IIdempotentCommand"/> that carries a key at most once per user and key within
/// <see cref="Window"/>: a repeat gets the first answer again, a different request under the same key is refused.
/// Innermost, so only valid, authorised requests claim a key; a request that fails claims nothing.
/// </summary>
public sealed class IdempotencyBehaviour<TRequest, TResponse>(IIdempotencyStore store, ICurrentUser currentUser, TimeProvider clock)
    : IPipelineBehavior<TRequest, TResponse>
{
    /// <summary>How long a key answers with its first answer (as Stripe's API does).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (request is not IIdempotentCommand { IdempotencyKey: { } key })
        {
            return await next();
        }

        var fingerprint = Fingerprint(request);
        var now = clock.GetUtcNow();
        var claim = new IdempotencyClaim(currentUser.RequireActor().UserId, typeof(TRequest).Name, key, fingerprint, now, now + Window);
        var response = default(TResponse);
        var record = await store.RunOnceAsync(
            claim,
            async () =>
            {
                response = await next();
                return JsonSerializer.Serialize(response, Json);
            },
            cancellationToken);

        if (!record.Replayed)
        {
            return response!;
        }

        if (!string.Equals(record.RequestFingerprint, fingerprint, StringComparison.Ordinal))
        {
            throw new IdempotencyKeyReusedException();
        }

        return JsonSerializer.Deserialize<TResponse>(record.AnswerJson, Json)!;
    }

    /// <summary>SHA-256 of the request as JSON (the key itself is not serialised): equal requests, equal prints.</summary>
    private static string Fingerprint(TRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, Json)));
}
