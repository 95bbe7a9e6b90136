using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Events;
using TaskOrchestration.Application.Events.Commands.ReplayEvent;
using TaskOrchestration.Application.Events.Queries.ListParkedEvents;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/events: the transactional outbox for admins (docs/events.md).</summary>
internal static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/v1/events").WithTags("Events").RequireAuthorization();
        events.MapGet("/parked", ListParked).WithName("ListParkedEvents")
            .WithSummary("Events set aside after too many failed deliveries, most recently parked first, with the last error (admins).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden);
        events.MapPost("/{id:guid}/replay", Replay).WithName("ReplayEvent")
            .WithSummary("Deliver a parked event again, to the consumers that have not had it (admins).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound);
    }

    private static async Task<Ok<PagedList<ParkedEventDto>>> ListParked(
        IMediator mediator, CancellationToken cancellationToken, int? page = null, int? pageSize = null, bool? includeTotal = null) =>
        TypedResults.Ok(await mediator.Send(new ListParkedEventsQuery(page ?? 1, pageSize ?? 20, includeTotal ?? false), cancellationToken));

    private static async Task<NoContent> Replay(Guid id, IMediator mediator, CancellationToken cancellationToken)
    {
        await mediator.Send(new ReplayEventCommand(id), cancellationToken);
        return TypedResults.NoContent();
    }
}
