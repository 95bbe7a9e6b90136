using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Application.Users.Commands.IssueToken;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users.Sessions;

/// <summary>Hands out the pair a session lives on: a short-lived access token and the next refresh token.</summary>
public sealed class SessionTokens(IRefreshTokenRepository refreshTokens, IAccessTokenIssuer accessTokens, SessionSettings settings, TimeProvider clock)
{
    /// <summary>Adds the refresh token to the unit of work; the caller commits.</summary>
    public AccessTokenDto Issue(User user, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(user);
        var secret = RefreshTokenSecret.Generate();
        refreshTokens.Add(RefreshToken.Issue(user.Id, sessionId, RefreshTokenSecret.Hash(secret), clock.GetUtcNow(), settings.RefreshTokenLifetime));
        var access = accessTokens.Issue(user, sessionId);
        return new AccessTokenDto
        {
            AccessToken = access.Token,
            ExpiresIn = access.ExpiresInSeconds,
            RefreshToken = secret,
            RefreshTokenExpiresIn = (int)settings.RefreshTokenLifetime.TotalSeconds,
        };
    }
}
