using MediatR;
using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Commands.ArchiveTask;
using TaskOrchestration.Application.Tasks.Commands.AssignTask;
using TaskOrchestration.Application.Tasks.Commands.CancelTask;
using TaskOrchestration.Application.Tasks.Commands.CompleteTask;
using TaskOrchestration.Application.Tasks.Commands.CreateTask;
using TaskOrchestration.Application.Tasks.Commands.FailTask;
using TaskOrchestration.Application.Tasks.Commands.PublishTask;
using TaskOrchestration.Application.Tasks.Commands.ReleaseTask;
using TaskOrchestration.Application.Tasks.Commands.RetryTask;
using TaskOrchestration.Application.Tasks.Commands.TagTask;
using TaskOrchestration.Application.Tasks.Commands.TakeTask;
using TaskOrchestration.Application.Tasks.Commands.UnarchiveTask;
using TaskOrchestration.Application.Tasks.Commands.UpdateTask;
using TaskOrchestration.Application.Tasks.Queries.GetTask;
using TaskOrchestration.Application.Tasks.Queries.GetTaskHistory;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.WebApi.Http;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/tasks: each endpoint sends one command or query and maps its answer.</summary>
internal static class TaskEndpoints
{
    public const string BasePath = "/api/v1/tasks";

    /// <summary>The header that makes POST /api/v1/tasks safe to repeat (as in the IETF httpapi draft and Stripe).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static void MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup(BasePath).WithTags("Tasks").RequireAuthorization();

        tasks.MapPost("/", CreateTask).WithName("CreateTask")
            .WithSummary("Create a task (pending, or a draft when draft is true); safe to repeat with an Idempotency-Key.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status422UnprocessableEntity);
        tasks.MapGet("/", ListTasks).WithName("ListTasks")
            .WithSummary("List tasks, filtered, sorted and paged.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized);
        tasks.MapGet("/{id:guid}", GetTask).WithName("GetTask")
            .WithSummary("Get one task; the ETag header carries its version.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status404NotFound);
        tasks.MapPatch("/{id:guid}", UpdateTask).WithName("UpdateTask")
            .WithSummary("Edit an open task's fields (creator, manager or admin).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound, Status409Conflict, Status412PreconditionFailed);

        tasks.MapDelete("/{id:guid}", ArchiveTask).WithName("ArchiveTask")
            .WithSummary("Archive (soft-delete) a task (creator, manager or admin); it leaves the default list and accepts no change.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound, Status409Conflict, Status412PreconditionFailed);
        tasks.MapGet("/{id:guid}/history", GetHistory).WithName("GetTaskHistory")
            .WithSummary("A task's history, oldest first: transitions, edits (old and new values), archiving.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status404NotFound);

        tasks.MapPut("/{id:guid}/assignees", (Guid id, SetAssigneesRequest body, [FromHeader(Name = EntityTag.IfMatchHeader)] string? ifMatch, IMediator mediator, HttpResponse response, CancellationToken cancellationToken) =>
                SendAsync(response, mediator, new AssignTaskCommand(id, Set: body.UserIds ?? [], ExpectedVersion: EntityTag.ParseIfMatch(ifMatch)), cancellationToken))
            .WithName("SetTaskAssignees")
            .WithSummary("Replace who the task is assigned to (managers and admins); only assignees may then take it.")
            .ProducesProblems(TransitionProblems);
        tasks.MapPut("/{id:guid}/assignees/{userId:guid}", (Guid id, Guid userId, IMediator mediator, HttpResponse response, CancellationToken cancellationToken) =>
                SendAsync(response, mediator, new AssignTaskCommand(id, Add: userId), cancellationToken))
            .WithName("AddTaskAssignee")
            .WithSummary("Assign the task to one more person (managers and admins).")
            .ProducesProblems(TransitionProblems);
        tasks.MapDelete("/{id:guid}/assignees/{userId:guid}", (Guid id, Guid userId, IMediator mediator, HttpResponse response, CancellationToken cancellationToken) =>
                SendAsync(response, mediator, new AssignTaskCommand(id, Remove: userId), cancellationToken))
            .WithName("RemoveTaskAssignee")
            .WithSummary("Unassign one person (managers and admins).")
            .ProducesProblems(TransitionProblems);

        tasks.MapPut("/{id:guid}/tags", (Guid id, SetTagsRequest body, [FromHeader(Name = EntityTag.IfMatchHeader)] string? ifMatch, IMediator mediator, HttpResponse response, CancellationToken cancellationToken) =>
                SendAsync(response, mediator, new TagTaskCommand(id, body.Tags ?? [], EntityTag.ParseIfMatch(ifMatch)), cancellationToken))
            .WithName("SetTaskTags")
            .WithSummary("Replace the task's tags (creator, managers and admins); at most 20, each 1–40 letters, digits or '-', stored in lower case.")
            .ProducesProblems(TransitionProblems);

        MapTransition(tasks, "unarchive", "UnarchiveTask", "Restore an archived task (creator, manager or admin).",
            (id, version) => new UnarchiveTaskCommand(id, version));
        MapTransition(tasks, "publish", "PublishTask", "Publish a draft (creator, manager or admin).",
            (id, version) => new PublishTaskCommand(id, version));
        MapTransition(tasks, "take", "TakeTask", "Take a pending task; the caller becomes its owner.",
            (id, version) => new TakeTaskCommand(id, version));
        tasks.MapPost("/{id:guid}/complete", (
                Guid id,
                [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CompleteTaskRequest? body,
                [FromHeader(Name = EntityTag.IfMatchHeader)] string? ifMatch,
                IMediator mediator,
                HttpResponse response,
                CancellationToken cancellationToken) =>
                SendAsync(response, mediator, new CompleteTaskCommand(id, body?.Result, EntityTag.ParseIfMatch(ifMatch)), cancellationToken))
            .AsTransition("CompleteTask", "Complete a running task (owner only).");
        tasks.MapPost("/{id:guid}/fail", (
                Guid id,
                [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] FailTaskRequest? body,
                [FromHeader(Name = EntityTag.IfMatchHeader)] string? ifMatch,
                IMediator mediator,
                HttpResponse response,
                CancellationToken cancellationToken) =>
                SendAsync(response, mediator, new FailTaskCommand(id, body?.Reason ?? string.Empty, EntityTag.ParseIfMatch(ifMatch)), cancellationToken))
            .AsTransition("FailTask", "Fail a running task with a reason (owner only).");
        MapTransition(tasks, "release", "ReleaseTask", "Give a running task back to pending (owner only).",
            (id, version) => new ReleaseTaskCommand(id, version));
        MapTransition(tasks, "retry", "RetryTask", "Send a failed task back to pending (creator, manager or admin).",
            (id, version) => new RetryTaskCommand(id, version));
        tasks.MapPost("/{id:guid}/cancel", (
                Guid id,
                [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] CancelTaskRequest? body,
                [FromHeader(Name = EntityTag.IfMatchHeader)] string? ifMatch,
                IMediator mediator,
                HttpResponse response,
                CancellationToken cancellationToken) =>
                SendAsync(response, mediator, new CancelTaskCommand(id, body?.Reason, EntityTag.ParseIfMatch(ifMatch)), cancellationToken))
            .AsTransition("CancelTask", "Cancel a draft, pending or running task (creator, manager or admin).");
    }

    private static async Task<Created<TaskDto>> CreateTask(
        CreateTaskCommand command,
        [FromHeader(Name = IdempotencyKeyHeader), Description("Any unique string of yours (a UUID): a repeat with the same key and body within 24 hours answers the first task again instead of creating another; the same key with a different body is refused with 422.")] string? idempotencyKey,
        IMediator mediator,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        // An empty header is no key: generated clients send one when the caller gave none.
        var task = await mediator.Send(command with { IdempotencyKey = string.IsNullOrEmpty(idempotencyKey) ? null : idempotencyKey }, cancellationToken);
        response.Headers.ETag = EntityTag.Format(task.Version);
        return TypedResults.Created($"{BasePath}/{task.Id}", task);
    }

    private static async Task<Ok<PagedList<TaskDto>>> ListTasks(
        IMediator mediator,
        CancellationToken cancellationToken,
        [FromQuery, QueryEnum(typeof(TaskItemStatus)), Description("Any of these statuses (repeat the parameter for several).")] string[]? status = null,
        [FromQuery, QueryEnum(typeof(TaskPriority)), Description("Any of these priorities (repeat the parameter for several).")] string[]? priority = null,
        [Description("Taken by this user.")] Guid? ownerId = null,
        [Description("Created by this user.")] Guid? createdBy = null,
        [Description("Text that the title or description contains, ignoring case (at most 200 characters).")] string? search = null,
        [Description("Only this team's tasks.")] Guid? teamId = null,
        [Description("True lists only archived tasks; by default they are left out.")] bool? archived = null,
        [Description("Only the tasks assigned to this user.")] Guid? assigneeId = null,
        [FromQuery, Description("Only the tasks that carry every one of these tags (repeat the parameter for several).")] string[]? tag = null,
        [Description("Only tasks due before this time.")] DateTimeOffset? dueBefore = null,
        [Description("Only tasks due after this time.")] DateTimeOffset? dueAfter = null,
        [Description("True: only open tasks (draft, pending, running) whose due date has passed.")] bool? overdue = null,
        [QueryEnum(typeof(TaskSortField)), Description("What to order by; createdAt when left out. The id breaks ties; tasks without a due date come last either way.")] string? sortBy = null,
        [QueryEnum(typeof(SortDirection)), Description("Which way; desc when left out.")] string? sortDirection = null,
        int? page = null,
        int? pageSize = null,
        [Description("Keyset paging for deep pages: the nextCursor of the previous page, with the same sort (then page is ignored; not with sortBy=dueDate).")] string? cursor = null,
        bool? includeTotal = null,
        [Description("Only tasks of this kind: manual, or an automated kind.")] string? kind = null,
        [Description("True: only dead tasks (automated, failed for good: out of attempts); false: leave them out.")] bool? dead = null)
    {
        var query = new ListTasksQuery(
            QueryEnumValues.ParseAll<TaskItemStatus>(status, nameof(status)),
            QueryEnumValues.ParseAll<TaskPriority>(priority, nameof(priority)),
            ownerId,
            createdBy,
            search,
            teamId,
            archived ?? false,
            assigneeId,
            tag is { Length: > 0 } ? tag : null,
            dueBefore,
            dueAfter,
            overdue ?? false,
            QueryEnumValues.Parse<TaskSortField>(sortBy, nameof(sortBy)) ?? TaskSortField.CreatedAt,
            QueryEnumValues.Parse<SortDirection>(sortDirection, nameof(sortDirection)) ?? SortDirection.Desc,
            page ?? 1,
            pageSize ?? ListTasksQuery.DefaultPageSize,
            cursor,
            includeTotal ?? false,
            kind,
            dead);
        return TypedResults.Ok(await mediator.Send(query, cancellationToken));
    }

    private static async Task<Ok<TaskDto>> GetTask(Guid id, IMediator mediator, HttpResponse response, CancellationToken cancellationToken) =>
        WithETag(response, await mediator.Send(new GetTaskQuery(id), cancellationToken));

    private static async Task<Ok<TaskDto>> UpdateTask(
        Guid id,
        UpdateTaskRequest body,
        [FromHeader(Name = EntityTag.IfMatchHeader)] string? ifMatch,
        IMediator mediator,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var command = new UpdateTaskCommand(id, body.Title, body.Description, body.Priority, body.DueDate, body.ClearDueDate, EntityTag.ParseIfMatch(ifMatch), body.Metadata);
        return WithETag(response, await mediator.Send(command, cancellationToken));
    }

    private static async Task<NoContent> ArchiveTask(
        Guid id,
        [FromHeader(Name = EntityTag.IfMatchHeader)] string? ifMatch,
        IMediator mediator,
        CancellationToken cancellationToken)
    {
        await mediator.Send(new ArchiveTaskCommand(id, EntityTag.ParseIfMatch(ifMatch)), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<PagedList<TaskHistoryEntryDto>>> GetHistory(
        Guid id, IMediator mediator, CancellationToken cancellationToken, int? page = null, int? pageSize = null, bool? includeTotal = null) =>
        TypedResults.Ok(await mediator.Send(new GetTaskHistoryQuery(id, page ?? 1, pageSize ?? 50, includeTotal ?? false), cancellationToken));

    private static void MapTransition(RouteGroupBuilder tasks, string action, string name, string summary, Func<Guid, uint?, IRequest<TaskDto>> toCommand) =>
        tasks.MapPost($"/{{id:guid}}/{action}", (
                Guid id,
                [FromHeader(Name = EntityTag.IfMatchHeader)] string? ifMatch,
                IMediator mediator,
                HttpResponse response,
                CancellationToken cancellationToken) =>
                SendAsync(response, mediator, toCommand(id, EntityTag.ParseIfMatch(ifMatch)), cancellationToken))
            .AsTransition(name, summary);

    /// <summary>
    /// What every transition declares. The three whose body is optional (complete, fail, cancel) are written out at their
    /// call sites: the request delegate generator cannot generate a generic endpoint.
    /// </summary>
    private static RouteHandlerBuilder AsTransition(this RouteHandlerBuilder endpoint, string name, string summary) =>
        endpoint.WithName(name).WithSummary(summary).ProducesProblems(TransitionProblems);

    private static readonly int[] TransitionProblems =
        [Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound, Status409Conflict, Status412PreconditionFailed];

    private static async Task<Ok<TaskDto>> SendAsync(HttpResponse response, IMediator mediator, IRequest<TaskDto> command, CancellationToken cancellationToken) =>
        WithETag(response, await mediator.Send(command, cancellationToken));

    private static Ok<TaskDto> WithETag(HttpResponse response, TaskDto task)
    {
        response.Headers.ETag = EntityTag.Format(task.Version);
        return TypedResults.Ok(task);
    }
}
