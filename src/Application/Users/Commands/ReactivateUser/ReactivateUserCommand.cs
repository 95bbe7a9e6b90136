using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users.Commands.ReactivateUser;

/// <summary>Reactivates a deactivated account (admins only); it signs in again with its password.</summary>
/// <param name="UserId">The user to reactivate.</param>
[RequiresRole(UserRole.Admin)]
public sealed record ReactivateUserCommand(Guid UserId) : IRequest<UserDto>;

public sealed class ReactivateUserCommandHandler(IUserRepository users, IUnitOfWork unitOfWork, IMapper mapper)
    : IRequestHandler<ReactivateUserCommand, UserDto>
{
    public async Task<UserDto> Handle(ReactivateUserCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = await users.FindAsync(request.UserId, cancellationToken) ?? throw new NotFoundException("User", request.UserId);
        user.Reactivate();
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<UserDto>(user);
    }
}
