using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Domain.Webhooks;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Persistence;
using TaskOrchestration.Infrastructure.Persistence.Configurations;

namespace TaskOrchestration.Infrastructure.Webhooks;

/// <summary>
/// Webhook deliveries (<c>webhook_deliveries</c>) as a <see cref="LeasedTable"/>: a claim takes due pending
/// deliveries of active subscriptions that no live sender holds (<c>FOR UPDATE SKIP LOCKED</c>), held by this
/// worker's lease; recording an attempt's outcome (the delivery's own, <see cref="WebhookDelivery"/>) gives the hold
/// back. Several sender processes share the work safely, and a sender that dies loses its deliveries to another
/// once its worker's lease runs out.
/// </summary>
internal sealed class WebhookDeliveryStore(IServiceScopeFactory scopes, LeasedQueue queue)
{
    private static readonly LeasedTable Table = new(
        "webhook_deliveries",
        open: WebhookDeliveryConfiguration.PendingFilter,
        due: "next_attempt_at",
        order: "next_attempt_at",
        eligible: "EXISTS (SELECT FROM webhook_subscriptions AS subscription WHERE subscription.id = candidate.subscription_id AND subscription.is_active)");

    /// <summary>Takes up to <paramref name="limit"/> due deliveries, the longest-waiting first.</summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await queue.ClaimAsync<ClaimedDelivery>(db, Table, limit, returning: null, cancellationToken);
    }

    /// <summary>Gives back what this sender still holds, at shutdown.</summary>
    public async Task<int> ReleaseHeldAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await queue.ReleaseHeldAsync(db, Table, cancellationToken);
    }

    /// <summary>Gives the hold back with the next save of <paramref name="delivery"/> (its outcome, or nothing when its subscription was paused).</summary>
    public static void Release(ApplicationDbContext db, WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Entry(delivery).Property(WebhookDeliveryConfiguration.LockedBy).CurrentValue = null;
    }
}

/// <summary>A delivery a sender holds, and whether the sender that held it before lost it with its lease.</summary>
internal sealed class ClaimedDelivery : ILeasedRow
{
    public Guid Id { get; init; }

    public int Attempts { get; init; }

    public bool Lost { get; init; }
}
