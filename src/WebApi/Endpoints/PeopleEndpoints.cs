using System.ComponentModel;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.People;
using TaskOrchestration.Application.People.Queries.ListPeople;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/people: the names behind the user ids the other resources carry, and the list people are picked from.</summary>
internal static class PeopleEndpoints
{
    public static void MapPeopleEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/people", ListPeople).WithTags("People").RequireAuthorization().WithName("ListPeople")
            .WithSummary("The people the caller may name, by display name: everyone for managers and admins; for members, themselves and their team-mates.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized);

    private static async Task<Ok<PagedList<PersonDto>>> ListPeople(
        IMediator mediator,
        CancellationToken cancellationToken,
        [Description("Text that the display name contains, ignoring case.")] string? search = null,
        [FromQuery, Description("Only these people (repeat the parameter, up to 100): to name the ids a task, comment or history carries.")] Guid[]? ids = null,
        int? page = null,
        int? pageSize = null,
        bool? includeTotal = null) =>
        TypedResults.Ok(await mediator.Send(
            new ListPeopleQuery(search, ids is { Length: > 0 } ? ids : null, page ?? 1, pageSize ?? 20, includeTotal ?? false),
            cancellationToken));
}
