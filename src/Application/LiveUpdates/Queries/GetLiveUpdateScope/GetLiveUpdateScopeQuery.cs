using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Tasks;

namespace TaskOrchestration.Application.LiveUpdates.Queries.GetLiveUpdateScope;

/// <summary>What the signed-in person may receive live: the tasks they may see, and their own notifications.</summary>
public sealed record GetLiveUpdateScopeQuery : IRequest<LiveUpdateScopeDto>;

/// <summary>
/// Reads the person's role as stored, not as their access token says: a connection ended because the role changed
/// reconnects with the same token (the clients reconnect on their own), and must rejoin on the new role.
/// </summary>
public sealed class GetLiveUpdateScopeQueryHandler(TaskAccess access, IUserRepository users, ICurrentUser currentUser)
    : IRequestHandler<GetLiveUpdateScopeQuery, LiveUpdateScopeDto>
{
    public async Task<LiveUpdateScopeDto> Handle(GetLiveUpdateScopeQuery request, CancellationToken cancellationToken)
    {
        var signedIn = currentUser.RequireActor();
        var user = await users.FindAsync(signedIn.UserId, cancellationToken);
        if (user is not { IsActive: true })
        {
            // Deactivated between the token check and here: nothing to receive.
            throw UnauthorizedException.NotSignedIn();
        }

        var visibility = await access.VisibilityForAsync(user.AsActor(), cancellationToken);
        return new LiveUpdateScopeDto { UserId = user.Id, AllTeams = visibility.AllTeams, TeamIds = [.. visibility.TeamIds] };
    }
}
