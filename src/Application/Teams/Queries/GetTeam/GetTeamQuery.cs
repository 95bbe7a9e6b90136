using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Teams.Queries.GetTeam;

/// <summary>One team, for its members, managers and admins.</summary>
/// <param name="TeamId">The team's id.</param>
public sealed record GetTeamQuery(Guid TeamId) : IRequest<TeamDto>;

public sealed class GetTeamQueryHandler(ITeamRepository teams, ICurrentUser currentUser, IMapper mapper) : IRequestHandler<GetTeamQuery, TeamDto>
{
    public async Task<TeamDto> Handle(GetTeamQuery request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return mapper.Map<TeamDto>(await teams.FindVisibleAsync(request.TeamId, currentUser.RequireActor(), cancellationToken));
    }
}
