namespace TaskOrchestration.Client;

/// <summary>Where <see cref="AccessTokenHandler"/> gets the access token, and how it replaces one the API refused.</summary>
public interface IAccessTokenProvider
{
    /// <summary>The current access token, or null when signed out (the request then goes without one).</summary>
    ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A new access token after the API refused the current one with 401, or null when none can be had (signed out,
    /// or the session ended). Called at most once per refused request.
    /// </summary>
    ValueTask<string?> RefreshAsync(CancellationToken cancellationToken);
}
