using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Teams.Queries.ListTeams;

/// <summary>The teams the caller can see: their own, or all of them for managers and admins.</summary>
public sealed record ListTeamsQuery : IRequest<IReadOnlyList<TeamDto>>;

public sealed class ListTeamsQueryHandler(ITeamRepository teams, ICurrentUser currentUser, IMapper mapper)
    : IRequestHandler<ListTeamsQuery, IReadOnlyList<TeamDto>>
{
    public async Task<IReadOnlyList<TeamDto>> Handle(ListTeamsQuery request, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        var visible = await teams.ListAsync(actor.IsManagerOrAdmin ? null : actor.UserId, cancellationToken);
        return [.. visible.Select(mapper.Map<TeamDto>)];
    }
}
