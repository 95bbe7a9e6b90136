namespace TaskOrchestration.Application.Users.Commands.IssueToken;

/// <summary>A bearer token to send as <c>Authorization: Bearer {accessToken}</c>.</summary>
public sealed class AccessTokenDto
{
    /// <summary>The signed JWT.</summary>
    public required string AccessToken { get; init; }

    /// <summary>Always "Bearer".</summary>
    public string TokenType { get; init; } = "Bearer";

    /// <summary>Seconds until the token expires.</summary>
    public required int ExpiresIn { get; init; }
}
