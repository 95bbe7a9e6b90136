using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class TaskHistoryEntryConfiguration : IEntityTypeConfiguration<TaskHistoryEntry>
{
    /// <summary>The column of an entry that ended an engine's attempt: when that attempt was taken (ADR 0031).</summary>
    public const string TakenAtColumn = "taken_at";

    public void Configure(EntityTypeBuilder<TaskHistoryEntry> builder)
    {
        // An engine's attempt has no take entry of its own: its take is its work item's lease start while it runs, then
        // its last entry's taken_at; the history is read from the view task_history_entries, which adds the takes (ADR 0031).
        builder.ToTable("task_history");
        builder.Property<DateTimeOffset?>("TakenAt").HasColumnName(TakenAtColumn);
        builder.HasKey(entry => entry.Id);
        builder.Property(entry => entry.Id).ValueGeneratedNever();
        builder.Property(entry => entry.Reason).HasMaxLength(TaskItem.ReasonMaxLength);
        builder.HasOne<User>().WithMany().HasForeignKey(entry => entry.ActorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(entry => new { entry.TaskId, entry.OccurredAt });
        builder.OwnsMany(entry => entry.Changes, changes => changes.ToJson());
        builder.Navigation(entry => entry.Changes).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
