using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Comments.Commands.EditComment;

/// <summary>Changes a comment's text (its author only); the comment then shows it was edited.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="CommentId">The comment.</param>
/// <param name="Body">1 to 5,000 characters.</param>
public sealed record EditCommentCommand(Guid TaskId, Guid CommentId, string Body) : IRequest<CommentDto>;

public sealed class EditCommentCommandHandler(TaskAccess access, ICommentRepository comments, IUnitOfWork unitOfWork, ICurrentUser currentUser, TimeProvider clock, IMapper mapper)
    : IRequestHandler<EditCommentCommand, CommentDto>
{
    public async Task<CommentDto> Handle(EditCommentCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = currentUser.RequireActor();
        var task = await access.FindVisibleAsync(request.TaskId, actor, cancellationToken);
        var comment = await comments.FindAsync(task.Id, request.CommentId, cancellationToken) ?? throw new NotFoundException("Comment", request.CommentId);
        var now = clock.GetUtcNow();
        comment.Edit(request.Body, actor, now);
        task.RecordComment(TaskHistoryKind.CommentEdited, comment.Id, actor, now);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<CommentDto>(comment);
    }
}
