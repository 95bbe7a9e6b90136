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

    public async Task<Page<TaskComment>> ListAsync(Guid taskId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var comments = db.Comments.AsNoTracking().Where(comment => comment.TaskId == taskId && comment.DeletedAt == null);
        var totalCount = await comments.CountAsync(cancellationToken);
        var items = await comments.OrderBy(comment => comment.CreatedAt).ThenBy(comment => comment.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<TaskComment>(items, page, pageSize, totalCount);
    }
}
