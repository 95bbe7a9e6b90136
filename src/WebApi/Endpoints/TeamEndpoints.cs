using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskOrchestration.Application.Teams;
using TaskOrchestration.Application.Teams.Commands.AddTeamMember;
using TaskOrchestration.Application.Teams.Commands.CreateTeam;
using TaskOrchestration.Application.Teams.Commands.RemoveTeamMember;
using TaskOrchestration.Application.Teams.Queries.GetTeam;
using TaskOrchestration.Application.Teams.Queries.ListTeams;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>/api/v1/teams: teams and their members. A team's tasks are visible only to its members, managers and admins.</summary>
internal static class TeamEndpoints
{
    public const string BasePath = "/api/v1/teams";

    public static void MapTeamEndpoints(this IEndpointRouteBuilder app)
    {
        var teams = app.MapGroup(BasePath).WithTags("Teams").RequireAuthorization();

        teams.MapPost("/", CreateTeam).WithName("CreateTeam")
            .WithSummary("Create a team (managers and admins).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status409Conflict);
        teams.MapGet("/", ListTeams).WithName("ListTeams")
            .WithSummary("The teams the caller belongs to (all teams for managers and admins).")
            .ProducesProblems(Status401Unauthorized);
        teams.MapGet("/{id:guid}", GetTeam).WithName("GetTeam")
            .WithSummary("One team, for its members, managers and admins.")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status404NotFound);
        teams.MapPut("/{id:guid}/members/{userId:guid}", AddMember).WithName("AddTeamMember")
            .WithSummary("Add a user to a team (managers and admins).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound);
        teams.MapDelete("/{id:guid}/members/{userId:guid}", RemoveMember).WithName("RemoveTeamMember")
            .WithSummary("Remove a user from a team (managers and admins).")
            .ProducesProblems(Status400BadRequest, Status401Unauthorized, Status403Forbidden, Status404NotFound);
    }

    private static async Task<Created<TeamDto>> CreateTeam(CreateTeamCommand command, IMediator mediator, CancellationToken cancellationToken)
    {
        var team = await mediator.Send(command, cancellationToken);
        return TypedResults.Created($"{BasePath}/{team.Id}", team);
    }

    private static async Task<Ok<IReadOnlyList<TeamDto>>> ListTeams(IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new ListTeamsQuery(), cancellationToken));

    private static async Task<Ok<TeamDto>> GetTeam(Guid id, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new GetTeamQuery(id), cancellationToken));

    private static async Task<Ok<TeamDto>> AddMember(Guid id, Guid userId, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new AddTeamMemberCommand(id, userId), cancellationToken));

    private static async Task<Ok<TeamDto>> RemoveMember(Guid id, Guid userId, IMediator mediator, CancellationToken cancellationToken) =>
        TypedResults.Ok(await mediator.Send(new RemoveTeamMemberCommand(id, userId), cancellationToken));
}
