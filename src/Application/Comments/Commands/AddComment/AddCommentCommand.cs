using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Comments;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Comments.Commands.AddComment;

/// <summary>Comments on a task anyone who can see it may comment on.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Body">1 to 5,000 characters.</param>
public sealed record AddCommentCommand(Guid TaskId, string Body) : IRequest<CommentDto>;

public sealed class AddCommentCommandHandler(TaskAccess access, ICommentRepository comments, IUnitOfWork unitOfWork, ICurrentUser currentUser, TimeProvider clock, IMapper mapper)
    : IRequestHandler<AddCommentCommand, CommentDto>
{
    public async Task<CommentDto> Handle(AddCommentCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = currentUser.RequireActor();
        var task = await access.FindVisibleAsync(request.TaskId, actor, cancellationToken);
        var now = clock.GetUtcNow();
        var comment = TaskComment.Write(task.Id, request.Body, actor, now);
        comments.Add(comment);
        task.RecordComment(TaskHistoryKind.Commented, comment.Id, actor, now);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<CommentDto>(comment);
    }
}
