using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.People.Queries.ListPeople;
using TaskOrchestration.Application.Users.Queries.ListUsers;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

internal sealed class UserRepository(ApplicationDbContext db) : IUserRepository
{
    public Task<User?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(user => user.Id == id, cancellationToken);

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalised = User.NormaliseEmail(email);
        return db.Users.FirstOrDefaultAsync(user => user.Email == normalised, cancellationToken);
    }

    public void Add(User user) => db.Users.Add(user);

    // One UPDATE reads and writes the row under its lock, and every SET sees the row as it was: N at once count N.
    public Task RecordFailedSignInAsync(Guid userId, DateTimeOffset now, int maxFailures, TimeSpan lockout, CancellationToken cancellationToken)
    {
        var lockedUntil = now + lockout;
        return db.Users.Where(user => user.Id == userId).ExecuteUpdateAsync(
            update => update
                .SetProperty(user => user.LockedUntil, user => user.FailedSignInCount + 1 >= maxFailures ? lockedUntil : user.LockedUntil)
                .SetProperty(user => user.FailedSignInCount, user => user.FailedSignInCount + 1 >= maxFailures ? 0 : user.FailedSignInCount + 1),
            cancellationToken);
    }

    public async Task<bool> TryRecordSuccessfulSignInAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Users
            .Where(user => user.Id == userId && (user.LockedUntil == null || user.LockedUntil <= now))
            .ExecuteUpdateAsync(update => update.SetProperty(user => user.FailedSignInCount, 0).SetProperty(user => user.LockedUntil, (DateTimeOffset?)null), cancellationToken) == 1;

    public async Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        (await db.Users.Where(user => ids.Contains(user.Id)).Select(user => user.Id).ToListAsync(cancellationToken)).ToHashSet();

    public async Task<Page<User>> ListAsync(ListUsersQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var users = db.Users.AsNoTracking();
        if (query.Role is { } role)
        {
            users = users.Where(user => user.Role == role);
        }

        if (query.TeamId is { } teamId)
        {
            users = users.Where(user => db.Teams.Any(team => team.Id == teamId && team.Members.Any(member => member.UserId == user.Id)));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = $"%{LikePattern.Escape(query.Search.Trim())}%";
            users = users.Where(user => EF.Functions.ILike(user.Email, pattern, LikePattern.EscapeCharacter) || EF.Functions.ILike(user.DisplayName, pattern, LikePattern.EscapeCharacter));
        }

        // Emails are unique: no tiebreak needed.
        var pageStart = users.OrderBy(user => user.Email).Skip((query.Page - 1) * query.PageSize);
        return await PageReader.ReadAsync(users, pageStart, new PageRequest(query.Page, query.PageSize, query.IncludeTotal), cancellationToken);
    }

    public async Task<Page<User>> ListPeopleAsync(ListPeopleQuery query, Guid? sharingTeamsWith, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var people = db.Users.AsNoTracking();
        if (sharingTeamsWith is { } viewerId)
        {
            people = people.Where(user => user.Id == viewerId
                || db.Teams.Any(team => team.Members.Any(member => member.UserId == viewerId) && team.Members.Any(member => member.UserId == user.Id)));
        }

        if (query.Ids is { Count: > 0 } ids)
        {
            people = people.Where(user => ids.Contains(user.Id));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = $"%{LikePattern.Escape(query.Search.Trim())}%";
            people = people.Where(user => EF.Functions.ILike(user.DisplayName, pattern, LikePattern.EscapeCharacter));
        }

        var pageStart = people.OrderBy(user => user.DisplayName).ThenBy(user => user.Id).Skip((query.Page - 1) * query.PageSize);
        return await PageReader.ReadAsync(people, pageStart, new PageRequest(query.Page, query.PageSize, query.IncludeTotal), cancellationToken);
    }
}
