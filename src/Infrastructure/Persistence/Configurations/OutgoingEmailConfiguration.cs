using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Email;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class OutgoingEmailConfiguration : IEntityTypeConfiguration<OutgoingEmail>
{
    public const string PendingFilter = "sent_at IS NULL AND gave_up_at IS NULL";

    public void Configure(EntityTypeBuilder<OutgoingEmail> builder)
    {
        builder.ToTable("outgoing_emails");
        // The primary key is the email's id, derived from what it tells and to whom: the same email cannot be queued twice.
        builder.HasKey(email => email.Id);
        builder.Property(email => email.Id).ValueGeneratedNever();
        builder.Property(email => email.ToAddress).HasMaxLength(User.EmailMaxLength);
        builder.Property(email => email.Subject).HasMaxLength(300);
        builder.Property(email => email.LockedBy).HasMaxLength(TaskItemConfiguration.WorkerIdMaxLength);
        builder.Property(email => email.LastError).HasMaxLength(2_000);
        builder.HasOne<User>().WithMany().HasForeignKey(email => email.RecipientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(email => email.RecipientId);

        // The sender's claim reads only what is waiting, due first.
        builder.HasIndex(email => new { email.AvailableAt, email.Id }).HasFilter(PendingFilter).HasDatabaseName("ix_outgoing_emails_pending");
        builder.HasIndex(email => email.GaveUpAt).HasFilter("gave_up_at IS NOT NULL");
    }
}
