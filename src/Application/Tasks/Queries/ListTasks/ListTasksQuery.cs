using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Queries.ListTasks;

/// <summary>A page of tasks, filtered and sorted. Every filter left empty matches everything.</summary>
/// <param name="Status">Any of these statuses.</param>
/// <param name="Priority">Any of these priorities.</param>
/// <param name="OwnerId">Taken by this user.</param>
/// <param name="CreatedBy">Created by this user.</param>
/// <param name="Search">Text the title or description contains, ignoring case.</param>
/// <param name="TeamId">Only the tasks of this team.</param>
/// <param name="AssigneeId">Only the tasks assigned to this user.</param>
/// <param name="Tag">Only the tasks that carry every one of these tags.</param>
/// <param name="DueBefore">Only tasks due before this time.</param>
/// <param name="DueAfter">Only tasks due after this time.</param>
/// <param name="Overdue">True: only open tasks (draft, pending, running) whose due date has passed.</param>
/// <param name="Archived">True lists only archived tasks; by default they are left out.</param>
/// <param name="SortBy">What to order by; created time when omitted.</param>
/// <param name="SortDirection">Which way; descending when omitted.</param>
/// <param name="Cursor">Keyset paging: the <c>nextCursor</c> of the previous page (then <c>page</c> is ignored).</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 100.</param>
/// <param name="Kind">Only tasks of this kind ("manual", or an automated kind).</param>
/// <param name="Dead">True: only dead tasks (automated, out of attempts, failed); false: no dead ones.</param>
/// <param name="IncludeTotal">Count the matching tasks too (up to 10,000; the page alone is much cheaper).</param>
public sealed record ListTasksQuery(
    IReadOnlyList<TaskItemStatus>? Status = null,
    IReadOnlyList<TaskPriority>? Priority = null,
    Guid? OwnerId = null,
    Guid? CreatedBy = null,
    string? Search = null,
    Guid? TeamId = null,
    bool Archived = false,
    Guid? AssigneeId = null,
    IReadOnlyList<string>? Tag = null,
    DateTimeOffset? DueBefore = null,
    DateTimeOffset? DueAfter = null,
    bool Overdue = false,
    TaskSortField SortBy = TaskSortField.CreatedAt,
    SortDirection SortDirection = SortDirection.Desc,
    int Page = 1,
    int PageSize = ListTasksQuery.DefaultPageSize,
    string? Cursor = null,
    bool IncludeTotal = false,
    string? Kind = null,
    bool? Dead = null) : IRequest<PagedList<TaskDto>>
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int SearchMaxLength = 200;
}

public sealed class ListTasksQueryHandler(ITaskRepository tasks, TaskAccess access, ICurrentUser currentUser, IMapper mapper)
    : IRequestHandler<ListTasksQuery, PagedList<TaskDto>>
{
    public async Task<PagedList<TaskDto>> Handle(ListTasksQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = currentUser.RequireActor();
        var page = await tasks.ListAsync(request, await access.VisibilityForAsync(actor, cancellationToken), cancellationToken);
        // A cursor for every page that has a successor, except in due-date order (tasks without one have no key).
        var nextCursor = page.HasMore && request.SortBy != TaskSortField.DueDate
            ? TaskListCursor.Encode(page.Items[^1], request.SortBy, request.SortDirection)
            : null;
        return page.ToPagedList(task => mapper.ToTaskDto(task, actor), nextCursor);
    }
}
