using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class TaskItemConfiguration : IEntityTypeConfiguration<TaskItem>
{
    public const int WorkerIdMaxLength = 200;

    public void Configure(EntityTypeBuilder<TaskItem> builder)
    {
        builder.ToTable("tasks", table =>
        {
            table.HasCheckConstraint("ck_tasks_running_has_owner", "status <> 'running' OR owner_id IS NOT NULL");
            // An automated task runs while a worker holds its work item; its row stays pending until the attempt
            // ends (docs/adr/0031-work-items.md), so no write may leave it running.
            table.HasCheckConstraint("ck_tasks_engine_runs_on_work_items", "kind = 'manual' OR status <> 'running'");
        });
        builder.HasKey(task => task.Id);
        builder.Property(task => task.Id).ValueGeneratedNever();

        // PostgreSQL's xmin changes on every write of the row: a free, always-correct concurrency token.
        builder.Property(task => task.Version).IsRowVersion();

        builder.Property(task => task.Title).HasMaxLength(TaskItem.TitleMaxLength);
        builder.Property(task => task.Description).HasMaxLength(TaskItem.DescriptionMaxLength);
        builder.Property(task => task.Result).HasMaxLength(TaskItem.ResultMaxLength);
        builder.Property(task => task.FailureReason).HasMaxLength(TaskItem.ReasonMaxLength);
        builder.Property(task => task.Metadata).HasColumnType("jsonb");
        builder.Property(task => task.Kind).HasMaxLength(TaskAutomation.KindMaxLength);
        builder.Ignore(task => task.IsAutomated);
        builder.Ignore(task => task.IsDead);

        builder.HasOne<User>().WithMany().HasForeignKey(task => task.CreatedBy).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(task => task.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(task => task.TeamId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(task => task.History).WithOne().HasForeignKey(entry => entry.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(task => task.History).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(task => task.DomainEvents);
        builder.Ignore(task => task.IsArchived);
        builder.Ignore(task => task.IsOpen);

        // The run state is a value of the task, in the task's own row, under the columns it had as the task's own
        // properties (hence each named: the naming convention would prefix them with "run_"). Required, so that its
        // columns keep their nullability and it is there even when all of them are null.
        builder.OwnsOne(task => task.Run, run =>
        {
            run.Property(state => state.Input).HasColumnName("input").HasColumnType("jsonb");
            run.Property(state => state.AttemptCount).HasColumnName("attempt_count");
            run.Property(state => state.MaxAttempts).HasColumnName("max_attempts");
            run.Property(state => state.RunAfter).HasColumnName("run_after");
            // The worker that holds a running attempt is on the task's work item, and its lease on the worker's row
            // (workers.lease_until): a claim and a heartbeat write no task. The task's reads fill them in (TaskRepository).
            run.Ignore(state => state.LeasedBy);
            run.Ignore(state => state.LeaseExpiresAt);
        });
        builder.Navigation(task => task.Run).IsRequired();

        // The primary key (task_id, user_id) is the "a person appears once per task" rule, in the database.
        builder.OwnsMany(task => task.Assignees, assignees =>
        {
            assignees.ToTable("task_assignees");
            assignees.WithOwner().HasForeignKey(assignee => assignee.TaskId);
            assignees.HasKey(assignee => new { assignee.TaskId, assignee.UserId });
            assignees.HasOne<User>().WithMany().HasForeignKey(assignee => assignee.UserId).OnDelete(DeleteBehavior.Cascade);
            assignees.HasIndex(assignee => assignee.UserId);
        });
        builder.Navigation(task => task.Assignees).UsePropertyAccessMode(PropertyAccessMode.Field);

        // Tags are a text[] column, not a table: "tasks with all of these tags" is one containment test (@>) that a
        // GIN index answers, and that the planner estimates from the column's element statistics. With a table, a
        // filter on a tag used by one task in three hundred cost a semi-join probe per row walked (docs/performance.md).
        builder.PrimitiveCollection(task => task.Tags)
            .HasField("_tags")
            .UsePropertyAccessMode(PropertyAccessMode.Field)
            .IsRequired()
            .ElementType(element => element.HasMaxLength(TagName.MaxLength));
        builder.HasIndex(task => task.Tags).HasMethod("gin");

        // The list's filters and sorts (docs/performance.md measures them on a million tasks): each sort key with
        // the id as its tiebreak, so the first page is the start of an index scan; the selective filters leading,
        // followed by the default order. The due-date sort that keeps undated tasks last when descending needs an
        // expression index, which EF Core cannot model: the ListIndexesAtVolume migration creates it in SQL.
        builder.HasIndex(task => new { task.CreatedAt, task.Id });
        builder.HasIndex(task => new { task.UpdatedAt, task.Id });
        builder.HasIndex(task => new { task.DueDate, task.Id });
        builder.HasIndex(task => new { task.Priority, task.Id });
        builder.HasIndex(task => new { task.Title, task.Id });
        builder.HasIndex(task => new { task.Status, task.CreatedAt, task.Id });
        builder.HasIndex(task => new { task.OwnerId, task.CreatedAt, task.Id });
        builder.HasIndex(task => new { task.CreatedBy, task.CreatedAt, task.Id });
        builder.HasIndex(task => new { task.TeamId, task.CreatedAt, task.Id });
        builder.HasIndex(task => task.ArchivedAt);
        // Substring search (ILIKE '%word%'): trigram indexes let a rare word be found without reading every task.
        builder.HasIndex(task => task.Title).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_tasks_title_trgm");
        builder.HasIndex(task => task.Description).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_tasks_description_trgm");

        builder.HasIndex(task => task.UpdatedAt)
            .HasFilter("kind <> 'manual' AND archived_at IS NULL AND status IN ('done', 'cancelled', 'failed')")
            .HasDatabaseName("ix_tasks_ended_automated");

        // The overdue job's search: open, live, dated tasks not flagged yet, by due date. Flagging a task takes it out.
        // Named, because the list's (due_date, id) index has the same columns.
        builder.HasIndex(task => new { task.DueDate, task.Id }, "ix_tasks_overdue_candidates")
            .HasFilter("overdue_flagged_at IS NULL AND archived_at IS NULL AND due_date IS NOT NULL AND status IN ('draft', 'pending', 'running')")
            .HasDatabaseName("ix_tasks_overdue_candidates");
    }
}
