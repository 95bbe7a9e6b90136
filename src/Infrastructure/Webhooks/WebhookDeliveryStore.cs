using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskOrchestration.Domain.Webhooks;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Persistence;
using TaskOrchestration.Infrastructure.Persistence.Configurations;

namespace TaskOrchestration.Infrastructure.Webhooks;

/// <summary>
/// The sender's hold on deliveries: a claim takes due pending deliveries of active subscriptions that no other sender
/// holds (<c>FOR UPDATE SKIP LOCKED</c>) and leases them; recording an attempt's outcome gives the lease back. Several
/// sender processes share the work safely, and a sender that dies loses its deliveries to another when the lease ends.
/// </summary>
internal sealed class WebhookDeliveryStore(IServiceScopeFactory scopes, WorkerIdentity sender, IOptions<WebhookOptions> options, TimeProvider clock)
{
    /// <summary>Takes up to <paramref name="limit"/> due deliveries, the longest-waiting first; answers their ids.</summary>
    public async Task<IReadOnlyList<Guid>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = clock.GetUtcNow();
        return await db.Database.SqlQuery<Guid>($"""
            UPDATE webhook_deliveries AS delivery
            SET locked_by = {sender.Id}, locked_until = {now + options.Value.LeaseDuration}
            FROM (
                SELECT candidate.id FROM webhook_deliveries AS candidate
                JOIN webhook_subscriptions AS subscription ON subscription.id = candidate.subscription_id
                WHERE candidate.status = 'pending' AND candidate.next_attempt_at <= {now}
                  AND (candidate.locked_until IS NULL OR candidate.locked_until < {now})
                  AND subscription.is_active
                ORDER BY candidate.next_attempt_at
                LIMIT {limit}
                FOR UPDATE OF candidate SKIP LOCKED) AS picked
            WHERE delivery.id = picked.id
            RETURNING delivery.id AS "Value"
            """).ToListAsync(cancellationToken);
    }

    /// <summary>Gives the lease back with the next save of <paramref name="delivery"/> (its outcome, or nothing when its subscription was paused).</summary>
    public static void Release(ApplicationDbContext db, WebhookDelivery delivery)
    {
        var entry = db.Entry(delivery);
        entry.Property(WebhookDeliveryConfiguration.LockedBy).CurrentValue = null;
        entry.Property(WebhookDeliveryConfiguration.LockedUntil).CurrentValue = null;
    }
}
