using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>Issues signed bearer tokens for a user's session.</summary>
public interface IAccessTokenIssuer
{
    IssuedToken Issue(User user, Guid sessionId);
}

/// <summary>A signed access token and how many seconds it stays valid.</summary>
public sealed record IssuedToken(string Token, int ExpiresInSeconds);
