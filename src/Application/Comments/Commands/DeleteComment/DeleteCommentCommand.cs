using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Comments.Commands.DeleteComment;

/// <summary>Deletes a comment (its author, a manager or an admin); the task's history keeps a tombstone.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="CommentId">The comment.</param>
public sealed record DeleteCommentCommand(Guid TaskId, Guid CommentId) : IRequest<Unit>;

public sealed class DeleteCommentCommandHandler(TaskAccess access, ICommentRepository comments, IUnitOfWork unitOfWork, ICurrentUser currentUser, TimeProvider clock)
    : IRequestHandler<DeleteCommentCommand, Unit>
{
    public async Task<Unit> Handle(DeleteCommentCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = currentUser.RequireActor();
        var task = await access.FindVisibleAsync(request.TaskId, actor, cancellationToken);
        var comment = await comments.FindAsync(task.Id, request.CommentId, cancellationToken) ?? throw new NotFoundException("Comment", request.CommentId);
        var now = clock.GetUtcNow();
        comment.Delete(actor, now);
        task.RecordComment(TaskHistoryKind.CommentDeleted, comment.Id, actor, now);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
