using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Infrastructure.Identity;

/// <summary>
/// A valid signature is not enough: the subject must still be an active user. Deactivating an account therefore
/// takes effect on its very next request, not when its access token expires.
/// </summary>
internal static class ActiveUserTokenCheck
{
    public static async Task OnTokenValidated(TokenValidatedContext context)
    {
        var subject = context.Principal?.FindFirst(TokenClaims.Subject)?.Value;
        if (!Guid.TryParse(subject, out var userId))
        {
            context.Fail("The token names no user.");
            return;
        }

        var users = context.HttpContext.RequestServices.GetRequiredService<IUserRepository>();
        var user = await users.FindAsync(userId, context.HttpContext.RequestAborted);
        if (user is not { IsActive: true })
        {
            context.Fail("The user is deactivated or no longer exists.");
        }
    }
}
