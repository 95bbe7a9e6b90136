using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Teams;

namespace TaskOrchestration.Application.Teams;

internal static class TeamLookup
{
    /// <summary>The team if the actor may see it (a member, a manager or an admin); otherwise it does not exist.</summary>
    public static async Task<Team> FindVisibleAsync(this ITeamRepository teams, Guid teamId, Actor actor, CancellationToken cancellationToken)
    {
        var team = await teams.FindAsync(teamId, cancellationToken);
        return team is not null && (actor.IsManagerOrAdmin || team.HasMember(actor.UserId))
            ? team
            : throw new NotFoundException("Team", teamId);
    }
}
