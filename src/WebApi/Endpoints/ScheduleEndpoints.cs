using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskOrchestration.Application.Schedules;
using TaskOrchestration.Application.Schedules.Queries.ListSchedules;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/schedules: the scheduled jobs for operators.</summary>
internal static class ScheduleEndpoints
{
    public static void MapScheduleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/schedules", ListSchedules).WithTags("Schedules").RequireAuthorization().WithName("ListSchedules")
            .WithSummary("Every scheduled job with its cron expression, time zone, whether it is enabled, its next run and how its last run went (managers and admins).")
            .ProducesProblems(Status401Unauthorized, Status403Forbidden);
    }

    private static async Task<Ok<IReadOnlyList<ScheduleDto>>> ListSchedules(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListSchedulesQuery(), cancellationToken));
}
