using System.ComponentModel;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskOrchestration.Application.Tasks.Queries.GetLifecycle;
using TaskOrchestration.WebApi.Http;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>
/// /api/v1/lifecycle: the task lifecycle, published from the Stateless machine that enforces it. The document declares
/// the JSON answer only (it carries the diagram too, so typed clients have it); <c>?format=mermaid</c> is for people
/// and tools that want the diagram as a file.
/// </summary>
internal static class LifecycleEndpoints
{
    public static void MapLifecycleEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/lifecycle", GetLifecycle).WithTags("Tasks").RequireAuthorization().WithName("GetLifecycle")
            .WithSummary("The task lifecycle: statuses, triggers, and each transition with its guards and their problem codes; ?format=mermaid answers the state diagram alone, as text/plain.")
            .AlsoAnswersText(Status200OK, "text/plain")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized);

    private static async Task<Results<Ok<LifecycleDto>, ContentHttpResult>> GetLifecycle(
        IMediator mediator,
        CancellationToken cancellationToken,
        [QueryEnum(typeof(LifecycleFormat)), Description("json (the default), or mermaid for the state diagram alone as text/plain.")] string? format = null)
    {
        var lifecycle = await mediator.Send(new GetLifecycleQuery(), cancellationToken);
        return QueryEnumValues.Parse<LifecycleFormat>(format, nameof(format)) == LifecycleFormat.Mermaid
            ? TypedResults.Text(lifecycle.Mermaid, "text/plain", Encoding.UTF8)
            : TypedResults.Ok(lifecycle);
    }
}

/// <summary>How GET /api/v1/lifecycle answers.</summary>
public enum LifecycleFormat
{
    /// <summary>The lifecycle as JSON (with the diagram in its <c>mermaid</c> field).</summary>
    Json,

    /// <summary>The Mermaid state diagram alone, as text/plain.</summary>
    Mermaid,
}
