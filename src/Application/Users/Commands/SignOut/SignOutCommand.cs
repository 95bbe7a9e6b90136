using MediatR;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Users.Commands.SignOut;

/// <summary>Ends the current session: its refresh tokens and its access tokens stop working.</summary>
public sealed record SignOutCommand : IRequest<Unit>;

public sealed class SignOutCommandHandler(ICurrentUser currentUser, IRefreshTokenRepository refreshTokens, TimeProvider clock)
    : IRequestHandler<SignOutCommand, Unit>
{
    public async Task<Unit> Handle(SignOutCommand request, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        if (currentUser.SessionId is { } sessionId)
        {
            await refreshTokens.RevokeSessionAsync(actor.UserId, sessionId, clock.GetUtcNow(), cancellationToken);
        }

        return Unit.Value;
    }
}
