using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Persistence.ReadModels;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class WorkItemRecordConfiguration : IEntityTypeConfiguration<WorkItemRecord>
{
    public void Configure(EntityTypeBuilder<WorkItemRecord> builder)
    {
        builder.ToTable("work_items");
        builder.HasKey(item => item.Id);
        builder.Property(item => item.Id).ValueGeneratedNever();
        builder.Property(item => item.Kind).HasMaxLength(TaskAutomation.KindMaxLength);
        builder.Property(item => item.LeasedBy).HasMaxLength(TaskItemConfiguration.WorkerIdMaxLength);

        // Deleting a task deletes its item. The key is checked when an item is inserted (a submission, a retry), not
        // by the claim's or the completion's writes, which do not change it.
        builder.HasOne<TaskItem>().WithOne().HasForeignKey<WorkItemRecord>(item => item.Id).OnDelete(DeleteBehavior.Cascade);

        // The claim (SKIP LOCKED, highest priority then oldest) over the items no worker holds.
        builder.HasIndex(item => new { item.Priority, item.CreatedAt, item.Id })
            .IsDescending(true, false, false)
            .HasFilter("leased_by IS NULL")
            .HasDatabaseName("ix_work_items_claimable");

        // The held items by worker: a heartbeat reads its worker's, the reaper those of workers whose lease ran out,
        // the workers' console and the task reads look them up.
        builder.HasIndex(item => item.LeasedBy)
            .HasFilter("leased_by IS NOT NULL")
            .HasDatabaseName("ix_work_items_leased");
    }
}
