using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users.Commands.DeactivateUser;

/// <summary>Deactivates an account (admins only): its tokens stop working and it can neither sign in nor refresh.</summary>
/// <param name="UserId">The user to deactivate.</param>
[RequiresRole(UserRole.Admin)]
public sealed record DeactivateUserCommand(Guid UserId) : IRequest<UserDto>;

public sealed class DeactivateUserCommandHandler(
    IUserRepository users,
    IRefreshTokenRepository refreshTokens,
    IUnitOfWork unitOfWork,
    ICurrentUser currentUser,
    TimeProvider clock,
    IMapper mapper)
    : IRequestHandler<DeactivateUserCommand, UserDto>
{
    public async Task<UserDto> Handle(DeactivateUserCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.UserId == currentUser.RequireActor().UserId)
        {
            throw new ConflictException("cannot_deactivate_self", "Admins cannot deactivate their own account.");
        }

        var user = await users.FindAsync(request.UserId, cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        var now = clock.GetUtcNow();
        user.Deactivate(now);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        await refreshTokens.RevokeAllAsync(user.Id, exceptFamilyId: null, now, cancellationToken);
        return mapper.Map<UserDto>(user);
    }
}
