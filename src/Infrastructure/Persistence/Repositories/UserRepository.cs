using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
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
}
