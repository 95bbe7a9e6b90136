using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    /// <summary>"whsec_" and the base64 of 32 bytes is 50 characters; the column leaves room for a longer key.</summary>
    public const int SecretMaxLength = 100;

    public void Configure(EntityTypeBuilder<WebhookSubscription> builder)
    {
        builder.ToTable("webhook_subscriptions");
        builder.HasKey(subscription => subscription.Id);
        builder.Property(subscription => subscription.Id).ValueGeneratedNever();
        builder.Property(subscription => subscription.Version).IsRowVersion();
        builder.Property(subscription => subscription.Url).HasMaxLength(WebhookSubscription.UrlMaxLength);
        builder.Property(subscription => subscription.Description).HasMaxLength(WebhookSubscription.DescriptionMaxLength);
        // The secret is kept as given: signing needs the key itself, so it cannot be hashed like a password.
        builder.Property(subscription => subscription.Secret).HasMaxLength(SecretMaxLength);
        builder.Property(subscription => subscription.PreviousSecret).HasMaxLength(SecretMaxLength);
        builder.PrimitiveCollection(subscription => subscription.EventTypes)
            .HasField("_eventTypes")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .IsRequired()
            .ElementType(element => element.HasConversion<CamelCaseEnumConverter<EventType>>().HasMaxLength(32));
        builder.HasOne<User>().WithMany().HasForeignKey(subscription => subscription.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(subscription => new { subscription.CreatedAt, subscription.Id });
        builder.Ignore(subscription => subscription.DomainEvents);
    }
}
