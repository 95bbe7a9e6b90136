using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TaskOrchestration.Domain.Comments;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.Persistence.Configurations;

internal sealed class TaskCommentConfiguration : IEntityTypeConfiguration<TaskComment>
{
    public void Configure(EntityTypeBuilder<TaskComment> builder)
    {
        builder.ToTable("task_comments");
        builder.HasKey(comment => comment.Id);
        builder.Property(comment => comment.Id).ValueGeneratedNever();
        builder.Property(comment => comment.Version).IsRowVersion();
        builder.Property(comment => comment.Body).HasMaxLength(TaskComment.BodyMaxLength);
        builder.HasOne<TaskItem>().WithMany().HasForeignKey(comment => comment.TaskId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(comment => comment.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(comment => new { comment.TaskId, comment.CreatedAt });
        builder.Ignore(comment => comment.DomainEvents);
        builder.Ignore(comment => comment.IsDeleted);
    }
}
