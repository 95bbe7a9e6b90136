using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace TaskOrchestration.ApiBaseline;

/// <summary>
/// RS256 bearer validation with our API's parameters (src/Infrastructure/DependencyInjection.cs): issuer, audience,
/// the public halves of the same PEM keys (key id = file name), the key named by the token only, 30 s of clock skew,
/// claim names kept as issued. What our API checks after the signature (the user and the session, per request) is
/// left out on purpose: the baseline pays for what any secured API pays.
/// </summary>
internal static class BearerTokens
{
    public const string Subject = "sub";
    public const string Role = "role";

    public static void Configure(JwtBearerOptions bearer, IConfiguration configuration)
    {
        var keysPath = configuration["Jwt:KeysPath"];
        if (string.IsNullOrWhiteSpace(keysPath))
        {
            throw new InvalidOperationException("Set Jwt__KeysPath to the folder of our API's signing keys.");
        }

        bearer.MapInboundClaims = false;
        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = configuration["Jwt:Issuer"] ?? "TaskOrchestration",
            ValidAudience = configuration["Jwt:Audience"] ?? "TaskOrchestration",
            IssuerSigningKeys = PublicKeys(keysPath),
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = "name",
            RoleClaimType = Role,
        };
    }

    private static List<SecurityKey> PublicKeys(string folder)
    {
        var keys = new List<SecurityKey>();
        foreach (var path in Directory.GetFiles(folder, "*.pem").Order(StringComparer.Ordinal))
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(File.ReadAllText(path));
            keys.Add(new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = Path.GetFileNameWithoutExtension(path) });
        }

        return keys.Count > 0 ? keys : throw new InvalidOperationException($"No PEM key in {folder}.");
    }
}
