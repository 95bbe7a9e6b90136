using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Identity;

namespace TaskOrchestration.WebApi.Identity;

/// <summary>The actor of the current HTTP request, read from the validated bearer token's claims.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor httpContextAccessor) : ICurrentUser
{
    public Actor? Actor
    {
        get
        {
            var principal = httpContextAccessor.HttpContext?.User;
            if (principal?.Identity?.IsAuthenticated != true
                || !Guid.TryParse(principal.FindFirst(TokenClaims.Subject)?.Value, out var userId)
                || !Enum.TryParse<UserRole>(principal.FindFirst(TokenClaims.Role)?.Value, ignoreCase: true, out var role))
            {
                return null;
            }

            return new Actor(userId, role);
        }
    }

    public Guid? SessionId =>
        Guid.TryParse(httpContextAccessor.HttpContext?.User.FindFirst(TokenClaims.SessionId)?.Value, out var sessionId) ? sessionId : null;
}
