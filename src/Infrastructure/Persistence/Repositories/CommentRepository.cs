using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Domain.Comments;

namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

internal sealed class CommentRepository(ApplicationDbContext db) : ICommentRepository
{
    public Task<TaskComment?> FindAsync(Guid taskId, Guid commentId, CancellationToken cancellationToken) =>
        db.Comments.FirstOrDefaultAsync(comment => comment.Id == commentId && comment.TaskId == taskId, cancellationToken);

    public void Add(TaskComment comment) => db.Comments.Add(comment);

    public Task<Page<TaskComment>> ListAsync(Guid taskId, PageRequest page, CancellationToken cancellationToken)
    {
        var comments = db.Comments.AsNoTracking().Where(comment => comment.TaskId == taskId && comment.DeletedAt == null);
        var pageStart = comments.OrderBy(comment => comment.CreatedAt).ThenBy(comment => comment.Id).Skip((page.Number - 1) * page.Size);
        return PageReader.ReadAsync(comments, pageStart, page, cancellationToken);
    }
}
