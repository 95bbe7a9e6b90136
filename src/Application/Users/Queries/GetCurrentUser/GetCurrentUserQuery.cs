using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Users.Queries.GetCurrentUser;

/// <summary>The signed-in user's own account.</summary>
public sealed record GetCurrentUserQuery : IRequest<UserDto>;

public sealed class GetCurrentUserQueryHandler(IUserRepository users, ICurrentUser currentUser, IMapper mapper)
    : IRequestHandler<GetCurrentUserQuery, UserDto>
{
    public async Task<UserDto> Handle(GetCurrentUserQuery request, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        // A valid token for a user that no longer exists is not a sign-in.
        var user = await users.FindAsync(actor.UserId, cancellationToken) ?? throw UnauthorizedException.NotSignedIn();
        return mapper.Map<UserDto>(user);
    }
}
