namespace TaskOrchestration.Infrastructure.Identity;

/// <summary>Settings of the bearer tokens this service issues and accepts (configuration section "Jwt").</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    public string Issuer { get; set; } = "TaskOrchestration";

    public string Audience { get; set; } = "TaskOrchestration";

    /// <summary>
    /// The HMAC-SHA256 key, base64, at least 32 bytes. Required outside Development; in Development one is
    /// generated at first run into <see cref="DevelopmentKeyPath"/>, outside the repository.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>Where the generated Development key lives; defaults to the user's local application data.</summary>
    public string? DevelopmentKeyPath { get; set; }

    public int AccessTokenLifetimeMinutes { get; set; } = 60;
}
