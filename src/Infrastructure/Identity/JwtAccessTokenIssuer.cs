using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.Identity;

internal sealed class JwtAccessTokenIssuer(IOptions<JwtOptions> options, SigningKeys signingKeys, TimeProvider clock) : IAccessTokenIssuer
{
    private static readonly JsonWebTokenHandler Handler = new();

    public IssuedToken Issue(User user, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(user);
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var lifetime = TimeSpan.FromMinutes(settings.AccessTokenLifetimeMinutes);
        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(signingKeys.Active, SigningKeys.Algorithm),
            Subject = new ClaimsIdentity(
            [
                new Claim(TokenClaims.Subject, user.Id.ToString()),
                new Claim(TokenClaims.Email, user.Email),
                new Claim(TokenClaims.Name, user.DisplayName),
                new Claim(TokenClaims.Role, TokenClaims.RoleValue(user.Role)),
                new Claim(TokenClaims.SessionId, sessionId.ToString()),
            ]),
        });
        return new IssuedToken(token, (int)lifetime.TotalSeconds);
    }
}
