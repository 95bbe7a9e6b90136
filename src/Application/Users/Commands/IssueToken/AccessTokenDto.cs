namespace TaskOrchestration.Application.Users.Commands.IssueToken;

/// <summary>
/// A bearer token to send as <c>Authorization: Bearer {accessToken}</c>, and the refresh token that gets the next
/// one from <c>POST /api/v1/auth/refresh</c> (each refresh token works once).
/// </summary>
public sealed class AccessTokenDto
{
    /// <summary>The signed JWT.</summary>
    public required string AccessToken { get; init; }

    /// <summary>Always "Bearer".</summary>
    public string TokenType { get; init; } = "Bearer";

    /// <summary>Seconds until the access token expires.</summary>
    public required int ExpiresIn { get; init; }

    /// <summary>An opaque, single-use token for POST /api/v1/auth/refresh.</summary>
    public required string RefreshToken { get; init; }

    /// <summary>Seconds until the refresh token expires.</summary>
    public required int RefreshTokenExpiresIn { get; init; }
}
