using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Users.Queries.ListUsers;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>Loads and stores user aggregates.</summary>
public interface IUserRepository
{
    Task<User?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Finds by email in its normal form (see <see cref="User.NormaliseEmail"/>).</summary>
    Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    void Add(User user);

    /// <summary>Which of these ids belong to existing users.</summary>
    Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>One page of the users that match, ordered by email.</summary>
    Task<Page<User>> ListAsync(ListUsersQuery query, CancellationToken cancellationToken);
}
