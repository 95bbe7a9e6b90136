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

    /// <summary>The key the API signs with (read from the PEM file the factory generated for this run).</summary>
    public static RsaSecurityKey TheApisKey(ApiFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(factory.SigningKeyFile));
        return new RsaSecurityKey(rsa) { KeyId = "test-key" };
    }

    /// <summary>A key of the right kind and with the API's key id, but not the API's key.</summary>
    public static RsaSecurityKey AnotherKey() => new(RSA.Create(2048)) { KeyId = "test-key" };

    /// <summary>A token like the API's own (issuer, audience, claims), signed with <paramref name="key"/>.</summary>
    public static string Forge(Guid userId, SecurityKey key, DateTime? expires = null, string audience = Audience, string role = "member")
    {
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
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim("role", role)]),
        });
    }
}
