using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Users.Sessions;

namespace TaskOrchestration.Infrastructure.Identity;

/// <summary>
/// A valid signature is not enough: the token's user must still be active and its session still open, and the
/// role it acts with is the user's role now, not the one written in the token (<see cref="AccessState"/>). A
/// deactivation, a sign-out or a demotion therefore takes effect on the very next request, not when the token expires.
/// </summary>
internal static class CurrentAccessTokenCheck
{
    public static async Task OnTokenValidated(TokenValidatedContext context)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity
            || !Guid.TryParse(identity.FindFirst(TokenClaims.Subject)?.Value, out var userId)
            || !Guid.TryParse(identity.FindFirst(TokenClaims.SessionId)?.Value, out var sessionId))
        {
            context.Fail("The token names no user or no session.");
            return;
        }

        var accessStates = context.HttpContext.RequestServices.GetRequiredService<IAccessStateReader>();
        var state = await accessStates.ReadAsync(userId, sessionId, context.HttpContext.RequestAborted);
        if (state?.ActorFor(userId) is not { } actor)
        {
            context.Fail("The user is deactivated or gone, or the session has ended.");
            return;
        }

        // Everything downstream (ICurrentUser, the hub) reads the role claim: make it the current role.
        var currentRole = TokenClaims.RoleValue(actor.Role);
        if (identity.FindFirst(TokenClaims.Role) is not { } roleClaim || roleClaim.Value != currentRole)
        {
            var current = new ClaimsIdentity(identity.Claims.Where(claim => claim.Type != TokenClaims.Role), identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
            current.AddClaim(new Claim(TokenClaims.Role, currentRole));
            context.Principal = new ClaimsPrincipal(current);
        }
    }
}
