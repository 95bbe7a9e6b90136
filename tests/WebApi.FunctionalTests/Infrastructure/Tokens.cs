using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

/// <summary>Bearer tokens made by the tests themselves, to show what the API's real JWT handler refuses.</summary>
public static class Tokens
{
    public const string Issuer = "TaskOrchestration";
    public const string Audience = "TaskOrchestration";

    /// <summary>Not a JWT at all.</summary>
    public const string Garbage = "not-a-jwt";

    /// <summary>
    /// The key the API signs with (read from the PEM file the factory generated for this run), named by its key id,
    /// or by <paramref name="keyId"/> (null: no key id at all).
    /// </summary>
    public static RsaSecurityKey TheApisKey(ApiFactory factory, string? keyId = "test-key")
    {
        ArgumentNullException.ThrowIfNull(factory);
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(factory.SigningKeyFile));
        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }

    /// <summary>The session (sid) of the token <paramref name="user"/>'s client sends.</summary>
    public static Guid SessionOf(TestUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return SessionOf(user.Client.DefaultRequestHeaders.Authorization?.Parameter ?? throw new InvalidOperationException("The user's client sends no token."));
    }

    /// <summary>The session (sid) of <paramref name="accessToken"/>.</summary>
    public static Guid SessionOf(string accessToken) => Guid.Parse(new JsonWebToken(accessToken).GetClaim("sid").Value);

    /// <summary>A key of the right kind and with the API's key id, but not the API's key.</summary>
    public static RsaSecurityKey AnotherKey() => new(RSA.Create(2048)) { KeyId = "test-key" };

    /// <summary>
    /// A token like the API's own (issuer, audience, claims), signed with <paramref name="key"/>, of the session
    /// <paramref name="sessionId"/> (null: without a session claim).
    /// </summary>
    public static string Forge(Guid userId, Guid? sessionId, SecurityKey key, DateTime? expires = null, string audience = Audience, string role = "member")
    {
        List<Claim> claims = [new Claim("sub", userId.ToString()), new Claim("role", role)];
        if (sessionId is { } session)
        {
            claims.Add(new Claim("sid", session.ToString()));
        }

        var notAfter = expires ?? DateTime.UtcNow.AddMinutes(10);
        var notBefore = notAfter.AddMinutes(-30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = notAfter,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Subject = new ClaimsIdentity(claims),
        });
    }
}
