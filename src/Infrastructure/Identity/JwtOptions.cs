namespace TaskOrchestration.Infrastructure.Identity;

/// <summary>Settings of the bearer tokens this service issues and accepts (configuration section "Jwt").</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    public string Issuer { get; set; } = "TaskOrchestration";

    public string Audience { get; set; } = "TaskOrchestration";

    /// <summary>
    /// A folder of RSA private keys as PEM files named <c>{keyId}.pem</c> (a mounted secret in production). In
    /// Development it defaults to the user's local application data, and a key is generated there at first run.
    /// </summary>
    public string? KeysPath { get; set; }

    /// <summary>Keys given inline, for example through environment variables (<c>Jwt__Keys__0__PrivateKeyPem</c>).</summary>
    public IList<ConfiguredSigningKey> Keys { get; } = [];

    /// <summary>The key that signs; by default the last key id in ordinal order (name files by date to rotate).</summary>
    public string? ActiveKeyId { get; set; }

    public int AccessTokenLifetimeMinutes { get; set; } = 15;
}

/// <summary>One RSA private key given in configuration.</summary>
public sealed class ConfiguredSigningKey
{
    public string Id { get; set; } = string.Empty;

    public string? PrivateKeyPem { get; set; }
}
