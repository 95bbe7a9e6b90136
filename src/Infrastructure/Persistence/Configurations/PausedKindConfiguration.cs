using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Persistence.ReadModels;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class PausedKindConfiguration : IEntityTypeConfiguration<PausedKind>
{
    public void Configure(EntityTypeBuilder<PausedKind> builder)
    {
        builder.ToTable("paused_kinds");
        builder.HasKey(paused => paused.Kind);
        builder.Property(paused => paused.Kind).HasMaxLength(TaskAutomation.KindMaxLength);
        builder.HasOne<User>().WithMany().HasForeignKey(paused => paused.PausedBy).OnDelete(DeleteBehavior.Restrict);
    }
}
