using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;

namespace TaskOrchestration.Application.Tasks.Queries.GetTaskHistory;

/// <summary>A task's history, oldest first: transitions, edits (old → new per field), archiving.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Entries per page, 1 to 100.</param>
/// <param name="IncludeTotal">Count the entries too (up to 10,000).</param>
public sealed record GetTaskHistoryQuery(Guid TaskId, int Page = 1, int PageSize = 50, bool IncludeTotal = false) : IRequest<PagedList<TaskHistoryEntryDto>>;

public sealed class GetTaskHistoryQueryHandler(TaskAccess access, ITaskRepository tasks, ICurrentUser currentUser, IMapper mapper)
    : IRequestHandler<GetTaskHistoryQuery, PagedList<TaskHistoryEntryDto>>
{
    public async Task<PagedList<TaskHistoryEntryDto>> Handle(GetTaskHistoryQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await access.FindVisibleAsync(request.TaskId, currentUser.RequireActor(), cancellationToken);
        var page = await tasks.HistoryAsync(request.TaskId, new PageRequest(request.Page, request.PageSize, request.IncludeTotal), cancellationToken);
        return page.ToPagedList(mapper.Map<TaskHistoryEntryDto>);
    }
}
