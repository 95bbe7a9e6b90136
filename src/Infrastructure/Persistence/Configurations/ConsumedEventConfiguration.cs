using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Infrastructure.Events;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class ConsumedEventConfiguration : IEntityTypeConfiguration<ConsumedEvent>
{
    public void Configure(EntityTypeBuilder<ConsumedEvent> builder)
    {
        builder.ToTable("consumed_events");
        // The primary key is the "once per consumer" rule: a second record of the same event cannot be committed.
        builder.HasKey(consumed => new { consumed.Consumer, consumed.EventId });
        builder.Property(consumed => consumed.Consumer).HasMaxLength(64);
        builder.HasIndex(consumed => consumed.ConsumedAt);
    }
}
