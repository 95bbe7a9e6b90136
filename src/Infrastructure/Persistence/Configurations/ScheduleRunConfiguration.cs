using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Application.Schedules;
using TaskOrchestration.Infrastructure.Scheduling;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class ScheduleRunConfiguration : IEntityTypeConfiguration<ScheduleRun>
{
    public void Configure(EntityTypeBuilder<ScheduleRun> builder)
    {
        builder.ToTable("schedule_runs");
        // The primary key is the "each slot runs once" rule: the second worker's claim of a slot inserts nothing.
        // It also serves "a job's latest run" (ORDER BY slot DESC per job).
        builder.HasKey(run => new { run.Job, run.Slot });
        builder.Property(run => run.Job).HasMaxLength(JobSchedule.NameMaxLength);
        builder.Property(run => run.Runner).HasMaxLength(TaskItemConfiguration.WorkerIdMaxLength);
        builder.Property(run => run.Outcome).HasConversion<LowerCaseEnumConverter<ScheduleRunOutcome>>().HasMaxLength(16);
        builder.Property(run => run.Summary).HasMaxLength(ScheduleRun.TextMaxLength);
        builder.Property(run => run.Error).HasMaxLength(ScheduleRun.TextMaxLength);
    }
}
