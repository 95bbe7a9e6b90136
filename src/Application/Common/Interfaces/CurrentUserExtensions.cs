using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Application.Common.Interfaces;

public static class CurrentUserExtensions
{
    /// <summary>The signed-in actor; an anonymous caller gets 401.</summary>
    public static Actor RequireActor(this ICurrentUser currentUser)
    {
        ArgumentNullException.ThrowIfNull(currentUser);
        return currentUser.Actor ?? throw UnauthorizedException.NotSignedIn();
    }
}
