using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    /// <summary>The unique index on (recipient, event): one event notifies one person at most once.</summary>
    public const string RecipientEventIndexName = "ix_notifications_recipient_event";

    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(notification => notification.Id);
        builder.Property(notification => notification.Id).ValueGeneratedNever();
        builder.Property(notification => notification.Version).IsRowVersion();
        builder.Property(notification => notification.Type).HasConversion<CamelCaseEnumConverter<EventType>>().HasMaxLength(32);
        builder.Property(notification => notification.Title).HasMaxLength(Notification.TitleMaxLength);
        builder.Property(notification => notification.Body).HasMaxLength(Notification.BodyMaxLength);
        builder.Ignore(notification => notification.IsRead);
        builder.Ignore(notification => notification.DomainEvents);

        // No foreign key to tasks or to the actor: a notification says what happened, and outlives the task.
        builder.HasOne<User>().WithMany().HasForeignKey(notification => notification.RecipientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(notification => new { notification.RecipientId, notification.EventId }).IsUnique().HasDatabaseName(RecipientEventIndexName);
        // The inbox, newest first; and its unread part (the filter and read-all), which stays small.
        builder.HasIndex(notification => new { notification.RecipientId, notification.CreatedAt, notification.Id }, "ix_notifications_inbox")
            .IsDescending(false, true, true)
            .HasDatabaseName("ix_notifications_inbox");
        builder.HasIndex(notification => new { notification.RecipientId, notification.CreatedAt, notification.Id }, "ix_notifications_unread")
            .IsDescending(false, true, true)
            .HasFilter("read_at IS NULL")
            .HasDatabaseName("ix_notifications_unread");
    }
}
