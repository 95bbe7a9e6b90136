using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Infrastructure.Identity;

namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

/// <param name="db">The unit of work.</param>
/// <param name="accessStates">Holds each user's teams while this process hears every change of them (they decide what a member sees, and a task request asks them each time).</param>
internal sealed class TeamRepository(ApplicationDbContext db, AccessStateCache accessStates) : ITeamRepository
{
    public Task<Team?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Teams.FirstOrDefaultAsync(team => team.Id == id, cancellationToken);

    public void Add(Team team) => db.Teams.Add(team);

    public Task<bool> NameExistsAsync(string name, CancellationToken cancellationToken) =>
        db.Teams.AnyAsync(team => team.Name == name, cancellationToken);

    public async Task<IReadOnlyList<Team>> ListAsync(Guid? memberId, CancellationToken cancellationToken)
    {
        var teams = db.Teams.AsNoTracking();
        if (memberId is { } userId)
        {
            teams = teams.Where(team => team.Members.Any(member => member.UserId == userId));
        }

        return await teams.OrderBy(team => team.Name).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlySet<Guid>> TeamIdsOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (accessStates.TryGetTeamIds(userId, out var cached))
        {
            return cached;
        }

        var ticket = accessStates.BeginRead(userId);
        var teamIds = (await db.Teams.SelectMany(team => team.Members).Where(member => member.UserId == userId).Select(member => member.TeamId).ToListAsync(cancellationToken))
            .ToHashSet();
        accessStates.StoreTeamIds(userId, teamIds, ticket);
        return teamIds;
    }
}
