using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Persistence.ReadModels;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class TagUsageCountConfiguration : IEntityTypeConfiguration<TagUsageCount>
{
    public void Configure(EntityTypeBuilder<TagUsageCount> builder)
    {
        builder.ToTable("tag_usage_counts");
        builder.HasKey(count => new { count.TeamKey, count.Name });
        builder.Property(count => count.Name).HasMaxLength(TagName.MaxLength);
    }
}
