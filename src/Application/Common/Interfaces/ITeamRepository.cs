using TaskOrchestration.Domain.Teams;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>Loads and stores teams with their members.</summary>
public interface ITeamRepository
{
    Task<Team?> FindAsync(Guid id, CancellationToken cancellationToken);

    void Add(Team team);

    Task<bool> NameExistsAsync(string name, CancellationToken cancellationToken);

    /// <summary>The teams, all of them or only those with <paramref name="memberId"/> in them, ordered by name.</summary>
    Task<IReadOnlyList<Team>> ListAsync(Guid? memberId, CancellationToken cancellationToken);

    /// <summary>The ids of the teams a user belongs to.</summary>
    Task<IReadOnlySet<Guid>> TeamIdsOfAsync(Guid userId, CancellationToken cancellationToken);
}
