using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskOrchestration.Application.Comments;
using TaskOrchestration.Application.Comments.Commands.AddComment;
using TaskOrchestration.Application.Comments.Commands.DeleteComment;
using TaskOrchestration.Application.Comments.Commands.EditComment;
using TaskOrchestration.Application.Comments.Queries.ListComments;
using TaskOrchestration.Application.Common.Models;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/tasks/{id}/comments: remarks on a task, for everyone who can see it.</summary>
internal static class CommentEndpoints
{
    public static void MapCommentEndpoints(this IEndpointRouteBuilder app)
    {
        var comments = app.MapGroup(TaskEndpoints.BasePath + "/{id:guid}/comments").WithTags("Comments").RequireAuthorization();

        comments.MapGet("/", ListComments).WithName("ListComments")
            .WithSummary("A task's comments, oldest first.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status404NotFound);
        comments.MapPost("/", AddComment).WithName("AddComment")
            .WithSummary("Comment on a task.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status404NotFound);
        comments.MapPatch("/{commentId:guid}", EditComment).WithName("EditComment")
            .WithSummary("Edit a comment (its author only); it then shows it was edited.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound, Status409Conflict);
        comments.MapDelete("/{commentId:guid}", DeleteComment).WithName("DeleteComment")
            .WithSummary("Delete a comment (its author, a manager or an admin); the history keeps a tombstone.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound, Status409Conflict);
    }

    private static async Task<Ok<PagedList<CommentDto>>> ListComments(
        Guid id, IMediator mediator, CancellationToken cancellationToken, int? page = null, int? pageSize = null, bool? includeTotal = null) =>
        TypedResults.Ok(await mediator.Send(new ListCommentsQuery(id, page ?? 1, pageSize ?? 50, includeTotal ?? false), cancellationToken));

    private static async Task<Created<CommentDto>> AddComment(Guid id, CommentRequest body, IMediator mediator, CancellationToken cancellationToken)
    {
        var comment = await mediator.Send(new AddCommentCommand(id, body.Body ?? string.Empty), cancellationToken);
        return TypedResults.Created($"{TaskEndpoints.BasePath}/{id}/comments/{comment.Id}", comment);
    }

    private static async Task<Ok<CommentDto>> EditComment(Guid id, Guid commentId, CommentRequest body, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new EditCommentCommand(id, commentId, body.Body ?? string.Empty), cancellationToken));

    private static async Task<NoContent> DeleteComment(Guid id, Guid commentId, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new DeleteCommentCommand(id, commentId), cancellationToken);
        return TypedResults.NoContent();
    }
}
