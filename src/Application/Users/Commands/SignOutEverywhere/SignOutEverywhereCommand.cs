using MediatR;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Users.Commands.SignOutEverywhere;

/// <summary>Ends every session of the signed-in user, on every device.</summary>
public sealed record SignOutEverywhereCommand : IRequest<Unit>;

public sealed class SignOutEverywhereCommandHandler(ICurrentUser currentUser, IRefreshTokenRepository refreshTokens, TimeProvider clock)
    : IRequestHandler<SignOutEverywhereCommand, Unit>
{
    public async Task<Unit> Handle(SignOutEverywhereCommand request, CancellationToken cancellationToken)
    {
        await refreshTokens.RevokeAllAsync(currentUser.RequireActor().UserId, exceptFamilyId: null, clock.GetUtcNow(), cancellationToken);
        return Unit.Value;
    }
}
