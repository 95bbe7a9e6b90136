using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users.Commands.BootstrapAdmin;

/// <summary>
/// Makes sure the configured administrator exists, so a fresh installation can be signed into. Idempotent: an
/// existing account with this email is promoted to admin and keeps its password.
/// </summary>
/// <param name="Email">The administrator's email.</param>
/// <param name="Password">The password to set when the account is created.</param>
public sealed record BootstrapAdminCommand(string Email, string Password) : IRequest<BootstrapAdminOutcome>;

/// <summary>What bootstrapping did.</summary>
public enum BootstrapAdminOutcome
{
    /// <summary>A new admin account was created.</summary>
    Created,

    /// <summary>The account existed and was made an admin.</summary>
    Promoted,

    /// <summary>The account existed and was already an admin.</summary>
    Unchanged,
}

public sealed class BootstrapAdminCommandHandler(IUserRepository users, IUnitOfWork unitOfWork, IPasswordHasher passwordHasher, TimeProvider clock)
    : IRequestHandler<BootstrapAdminCommand, BootstrapAdminOutcome>
{
    public async Task<BootstrapAdminOutcome> Handle(BootstrapAdminCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = await users.FindByEmailAsync(request.Email, cancellationToken);
        if (existing is { Role: UserRole.Admin })
        {
            return BootstrapAdminOutcome.Unchanged;
        }

        var outcome = BootstrapAdminOutcome.Promoted;
        if (existing is null)
        {
            users.Add(User.Register(request.Email, "Administrator", passwordHasher.Hash(request.Password), UserRole.Admin, clock.GetUtcNow()));
            outcome = BootstrapAdminOutcome.Created;
        }
        else
        {
            existing.ChangeRole(UserRole.Admin, clock.GetUtcNow());
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return outcome;
    }
}
