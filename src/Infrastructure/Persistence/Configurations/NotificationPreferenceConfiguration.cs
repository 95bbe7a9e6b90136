using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class NotificationPreferenceConfiguration : IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<NotificationPreference> builder)
    {
        // Only the choices people made; a type without a row follows NotificationPolicy.Defaults.
        builder.ToTable("notification_preferences");
        builder.HasKey(preference => new { preference.UserId, preference.Type });
        builder.Property(preference => preference.Type).HasConversion<CamelCaseEnumConverter<EventType>>().HasMaxLength(32);
        builder.Ignore(preference => preference.Channels);
        builder.HasOne<User>().WithMany().HasForeignKey(preference => preference.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
