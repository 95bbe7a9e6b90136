using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Domain.Comments;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>Loads and stores task comments.</summary>
public interface ICommentRepository
{
    Task<TaskComment?> FindAsync(Guid taskId, Guid commentId, CancellationToken cancellationToken);

    void Add(TaskComment comment);

    /// <summary>One page of a task's comments that are not deleted, oldest first.</summary>
    Task<Page<TaskComment>> ListAsync(Guid taskId, PageRequest page, CancellationToken cancellationToken);
}
