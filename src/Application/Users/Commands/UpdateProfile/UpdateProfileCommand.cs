using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Users.Commands.UpdateProfile;

/// <summary>Edits the signed-in user's own profile.</summary>
/// <param name="DisplayName">The name shown to others, 1 to 100 characters.</param>
public sealed record UpdateProfileCommand(string DisplayName) : IRequest<UserDto>;

public sealed class UpdateProfileCommandHandler(ICurrentUser currentUser, IUserRepository users, IUnitOfWork unitOfWork, IMapper mapper)
    : IRequestHandler<UpdateProfileCommand, UserDto>
{
    public async Task<UserDto> Handle(UpdateProfileCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = await users.FindAsync(currentUser.RequireActor().UserId, cancellationToken) ?? throw UnauthorizedException.NotSignedIn();
        user.ChangeDisplayName(request.DisplayName);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.Map<UserDto>(user);
    }
}
