using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks;

/// <summary>
/// Which tasks one person can see: every task without a team, and the tasks of their teams; managers and admins see
/// all. A task someone cannot see does not exist for them (404, never 403).
/// </summary>
/// <param name="AllTeams">True for managers and admins.</param>
/// <param name="TeamIds">The teams the person belongs to.</param>
public sealed record TaskVisibility(bool AllTeams, IReadOnlySet<Guid> TeamIds)
{
    public bool CanSee(TaskItem task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return AllTeams || task.TeamId is null || TeamIds.Contains(task.TeamId.Value);
    }

    public bool CanUseTeam(Guid teamId) => AllTeams || TeamIds.Contains(teamId);
}
