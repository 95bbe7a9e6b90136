using System.ComponentModel;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskOrchestration.Application.Queues;
using TaskOrchestration.Application.Queues.Commands.PauseQueue;
using TaskOrchestration.Application.Queues.Commands.ResumeQueue;
using TaskOrchestration.Application.Queues.Queries.ListQueues;
using TaskOrchestration.Application.Workers;
using TaskOrchestration.Application.Workers.Queries.ListWorkers;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/workers and /api/v1/queues: the worker engine for operators.</summary>
internal static class EngineEndpoints
{
    private const string KindDescription = "The automated kind, as GET /api/v1/queues lists it (\"demo.title-parity\").";

    public static void MapEngineEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/workers", ListWorkers).WithTags("Engine").RequireAuthorization().WithName("ListWorkers")
            .WithSummary("The worker processes seen in the last day, with their status and what each runs now (managers and admins).")
            .ProducesProblems(Status401Unauthorized, Status403Forbidden);

        var queues = app.MapGroup("/api/v1/queues").WithTags("Engine").RequireAuthorization();
        queues.MapGet("/", ListQueues).WithName("ListQueues")
            .WithSummary("Every automated kind with its pending, scheduled, retrying, running and dead counts and the oldest due task's wait (managers and admins).")
            .ProducesProblems(Status401Unauthorized, Status403Forbidden);
        queues.MapPost("/{kind}/pause", PauseQueue).WithName("PauseQueue")
            .WithSummary("Stop claiming tasks of a kind; running ones finish (admins).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound);
        queues.MapPost("/{kind}/resume", ResumeQueue).WithName("ResumeQueue")
            .WithSummary("Claim tasks of a paused kind again (admins).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound);
    }

    private static async Task<Ok<IReadOnlyList<WorkerDto>>> ListWorkers(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListWorkersQuery(), cancellationToken));

    private static async Task<Ok<IReadOnlyList<QueueDto>>> ListQueues(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListQueuesQuery(), cancellationToken));

    private static async Task<Ok<QueueDto>> PauseQueue([Description(KindDescription)] string kind, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new PauseQueueCommand(kind), cancellationToken));

    private static async Task<Ok<QueueDto>> ResumeQueue([Description(KindDescription)] string kind, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ResumeQueueCommand(kind), cancellationToken));
}
