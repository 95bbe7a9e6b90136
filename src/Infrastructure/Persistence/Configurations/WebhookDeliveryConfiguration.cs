using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    /// <summary>The worker whose lease holds the delivery while it is sent (the lease is not the domain's business: a shadow property).</summary>
    public const string LockedBy = nameof(LockedBy);

    /// <summary>The deliveries waiting for an attempt (the claim index's filter).</summary>
    public const string PendingFilter = "status = 'pending'";

    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries", table =>
        {
            table.HasCheckConstraint("ck_webhook_deliveries_status", "status IN ('pending', 'succeeded', 'failed')");
            // Only a pending delivery waits for an attempt.
            table.HasCheckConstraint("ck_webhook_deliveries_next_attempt", "(status = 'pending') = (next_attempt_at IS NOT NULL)");
        });
        builder.HasKey(delivery => delivery.Id);
        builder.Property(delivery => delivery.Id).ValueGeneratedNever();
        builder.Property(delivery => delivery.Version).IsRowVersion();
        builder.Property(delivery => delivery.EventType).HasConversion<CamelCaseEnumConverter<EventType>>().HasMaxLength(32);
        builder.Property(delivery => delivery.Status).HasConversion<LowerCaseEnumConverter<WebhookDeliveryStatus>>().HasMaxLength(16);
        // Text, not jsonb: the body is signed byte for byte, and jsonb would reorder and respace it.
        builder.Property(delivery => delivery.Payload).HasColumnType("text");
        builder.Property(delivery => delivery.LastError).HasMaxLength(WebhookDelivery.ErrorMaxLength);
        builder.Property<string?>(LockedBy).HasMaxLength(TaskItemConfiguration.WorkerIdMaxLength);
        builder.HasOne<WebhookSubscription>().WithMany().HasForeignKey(delivery => delivery.SubscriptionId).OnDelete(DeleteBehavior.Cascade);

        // One delivery per event and subscription, whatever redelivers the event; led by the event id, it also
        // answers the consumer's "which of these events have deliveries already?".
        builder.HasIndex(delivery => new { delivery.EventId, delivery.SubscriptionId }).IsUnique();
        // The sender's claim: the due pending deliveries, the longest-waiting first.
        builder.HasIndex(delivery => delivery.NextAttemptAt).HasFilter(PendingFilter).HasDatabaseName("ix_webhook_deliveries_due");
        // A subscription's deliveries, newest first (read backwards).
        builder.HasIndex(delivery => new { delivery.SubscriptionId, delivery.CreatedAt, delivery.Id });
        // The cleanup job: finished deliveries, the longest-finished first.
        builder.HasIndex(delivery => delivery.LastAttemptAt).HasFilter("status <> 'pending'").HasDatabaseName("ix_webhook_deliveries_finished");
        builder.Ignore(delivery => delivery.DomainEvents);
    }
}
