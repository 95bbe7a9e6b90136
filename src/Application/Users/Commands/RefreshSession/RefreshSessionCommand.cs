using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Users.Commands.IssueToken;
using TaskOrchestration.Application.Users.Sessions;

namespace TaskOrchestration.Application.Users.Commands.RefreshSession;

/// <summary>Trades a refresh token for a new access token and a new refresh token (the old one stops working).</summary>
/// <param name="RefreshToken">The refresh token from the last sign-in or refresh.</param>
public sealed record RefreshSessionCommand(string RefreshToken) : IRequest<AccessTokenDto>;

public sealed class RefreshSessionCommandHandler(
    IRefreshTokenRepository refreshTokens,
    IUserRepository users,
    SessionTokens sessionTokens,
    IUnitOfWork unitOfWork,
    TimeProvider clock)
    : IRequestHandler<RefreshSessionCommand, AccessTokenDto>
{
    public async Task<AccessTokenDto> Handle(RefreshSessionCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        var presented = await refreshTokens.FindByHashAsync(RefreshTokenSecret.Hash(request.RefreshToken), cancellationToken)
            ?? throw InvalidRefreshToken();

        if (presented.UsedAt is not null)
        {
            // A used token came back: whoever holds the family may be a thief. End the whole session.
            await refreshTokens.RevokeSessionAsync(presented.UserId, presented.FamilyId, now, cancellationToken);
            throw new UnauthorizedException("refresh_token_reused", "This refresh token was already used; the session has been ended. Sign in again.");
        }

        var user = await users.FindAsync(presented.UserId, cancellationToken);
        if (!presented.IsUsable(now) || user is not { IsActive: true })
        {
            throw InvalidRefreshToken();
        }

        presented.MarkUsed(now);
        var tokens = sessionTokens.Issue(user, presented.FamilyId);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return tokens;
    }

    private static UnauthorizedException InvalidRefreshToken() =>
        new("invalid_refresh_token", "The refresh token is unknown, expired or revoked. Sign in again.");
}
