using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Infrastructure.Persistence.ReadModels;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class WorkerRecordConfiguration : IEntityTypeConfiguration<WorkerRecord>
{
    public void Configure(EntityTypeBuilder<WorkerRecord> builder)
    {
        builder.ToTable("workers");
        builder.HasKey(worker => worker.Id);
        builder.Property(worker => worker.Id).HasMaxLength(TaskItemConfiguration.WorkerIdMaxLength);
        builder.Property(worker => worker.Host).HasMaxLength(255);
        builder.HasIndex(worker => worker.LastSeenAt);
    }
}
