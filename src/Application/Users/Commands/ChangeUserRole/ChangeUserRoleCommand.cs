using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users.Commands.ChangeUserRole;

/// <summary>
/// Gives a user another role (admins only). It applies at once: to the user's next request with any access token
/// they hold, and to their live connections (they are ended, and rejoin on the new role).
/// </summary>
/// <param name="UserId">The user to change.</param>
/// <param name="Role">The new role.</param>
[RequiresRole(UserRole.Admin)]
public sealed record ChangeUserRoleCommand(Guid UserId, UserRole Role) : IRequest<UserDto>;

public sealed class ChangeUserRoleCommandHandler(IUserRepository users, IUnitOfWork unitOfWork, ICurrentUser currentUser, TimeProvider clock, IMapper mapper)
    : IRequestHandler<ChangeUserRoleCommand, UserDto>
{
    public async Task<UserDto> Handle(ChangeUserRoleCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.UserId == currentUser.RequireActor().UserId && request.Role != UserRole.Admin)
        {
            // Someone must stay able to administer; an admin cannot demote themselves.
            throw new ConflictException("cannot_demote_self", "Admins cannot remove their own admin role.");
        }

        var user = await users.FindAsync(request.UserId, cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        user.ChangeRole(request.Role, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<UserDto>(user);
    }
}
