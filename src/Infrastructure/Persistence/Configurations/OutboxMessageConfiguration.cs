using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Infrastructure.Events;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public const string PendingFilter = "processed_at IS NULL AND parked_at IS NULL";

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(message => message.Id);
        builder.Property(message => message.Id).ValueGeneratedNever();
        builder.Property(message => message.Sequence).UseIdentityAlwaysColumn();
        builder.Property(message => message.Type).HasConversion<CamelCaseEnumConverter<EventType>>().HasMaxLength(32);
        builder.Property(message => message.Payload).HasColumnType("jsonb");
        builder.Property(message => message.LockedBy).HasMaxLength(TaskItemConfiguration.WorkerIdMaxLength);
        builder.Property(message => message.LastError).HasMaxLength(2_000);

        // No foreign key to tasks: an event outlives the task it is about (the cleanup job deletes archived tasks).
        // The dispatcher reads the pending events in order, and asks per task whether an earlier one is pending.
        builder.HasIndex(message => message.Sequence).HasFilter(PendingFilter).HasDatabaseName("ix_outbox_messages_pending");
        builder.HasIndex(message => new { message.TaskId, message.Sequence }).HasFilter(PendingFilter).HasDatabaseName("ix_outbox_messages_pending_by_task");
        builder.HasIndex(message => message.ParkedAt).HasFilter("parked_at IS NOT NULL");
        builder.HasIndex(message => message.ProcessedAt).HasFilter("processed_at IS NOT NULL");
    }
}
