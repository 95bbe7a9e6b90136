using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskOrchestration.Application.Tags;
using TaskOrchestration.Application.Tags.Queries.ListTags;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/tags: the tags in use, with their counts.</summary>
internal static class TagEndpoints
{
    public static void MapTagEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/tags", ListTags).WithTags("Tags").RequireAuthorization().WithName("ListTags")
            .WithSummary("Every tag on the live tasks the caller can see, with how many tasks carry it, most used first.")
            .ProducesProblems(Status401Unauthorized);

    private static async Task<Ok<IReadOnlyList<TagUsage>>> ListTags(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListTagsQuery(), cancellationToken));
}
