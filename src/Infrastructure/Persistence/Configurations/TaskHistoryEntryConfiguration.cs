using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class TaskHistoryEntryConfiguration : IEntityTypeConfiguration<TaskHistoryEntry>
{
    public void Configure(EntityTypeBuilder<TaskHistoryEntry> builder)
    {
        builder.ToTable("task_history");
        builder.HasKey(entry => entry.Id);
        builder.Property(entry => entry.Id).ValueGeneratedNever();
        builder.Property(entry => entry.Reason).HasMaxLength(TaskItem.ReasonMaxLength);
        builder.HasOne<User>().WithMany().HasForeignKey(entry => entry.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(entry => new { entry.TaskId, entry.OccurredAt });
        builder.OwnsMany(entry => entry.Changes, changes => changes.ToJson());
        builder.Navigation(entry => entry.Changes).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
