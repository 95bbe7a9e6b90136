using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tasks;

namespace TaskOrchestration.Application.Comments.Queries.ListComments;

/// <summary>A task's comments, oldest first (deleted ones leave only their tombstone in the history).</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Comments per page, 1 to 100.</param>
/// <param name="IncludeTotal">Count the comments too (up to 10,000).</param>
public sealed record ListCommentsQuery(Guid TaskId, int Page = 1, int PageSize = 50, bool IncludeTotal = false) : IRequest<PagedList<CommentDto>>;

public sealed class ListCommentsQueryHandler(TaskAccess access, ICommentRepository comments, ICurrentUser currentUser, IMapper mapper)
    : IRequestHandler<ListCommentsQuery, PagedList<CommentDto>>
{
    public async Task<PagedList<CommentDto>> Handle(ListCommentsQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await access.FindVisibleAsync(request.TaskId, currentUser.RequireActor(), cancellationToken);
        var page = await comments.ListAsync(request.TaskId, new PageRequest(request.Page, request.PageSize, request.IncludeTotal), cancellationToken);
        return page.ToPagedList(mapper.Map<CommentDto>);
    }
}
