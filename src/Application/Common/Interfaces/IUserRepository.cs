using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.People.Queries.ListPeople;
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

    /// <summary>
    /// Counts a wrong password in one atomic statement, committed at once: the <paramref name="maxFailures"/>-th in a
    /// row locks sign-in until <paramref name="now"/> + <paramref name="lockout"/> and starts the count again. Guesses
    /// sent at the same moment are each counted, which a read-then-save cannot promise.
    /// </summary>
    Task RecordFailedSignInAsync(Guid userId, DateTimeOffset now, int maxFailures, TimeSpan lockout, CancellationToken cancellationToken);

    /// <summary>
    /// Clears the count of wrong passwords unless sign-in is locked at <paramref name="now"/>, atomically; false when it
    /// is locked (a guess sent at the same moment may have locked it after this request read the user).
    /// </summary>
    Task<bool> TryRecordSuccessfulSignInAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Which of these ids belong to existing users.</summary>
    Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>One page of the users that match, ordered by email.</summary>
    Task<Page<User>> ListAsync(ListUsersQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the people that match, ordered by display name then id; with <paramref name="sharingTeamsWith"/>,
    /// only that user and the members of their teams.
    /// </summary>
    Task<Page<User>> ListPeopleAsync(ListPeopleQuery query, Guid? sharingTeamsWith, CancellationToken cancellationToken);
}
