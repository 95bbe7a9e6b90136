namespace TaskOrchestration.Client;

/// <summary>
/// A signed-in session: signs in, keeps the access and refresh tokens, and trades the refresh token for a new pair
/// when the API refuses the access token (refresh tokens are single-use: each refresh rotates both). Concurrent
/// 401s share one refresh; a refused refresh ends the session.
/// </summary>
/// <param name="anonymous">A client without <see cref="AccessTokenHandler"/>, for signing in and refreshing.</param>
/// <param name="clock">Tells when the access token expires (the system clock unless a test gives another).</param>
public sealed class Session(ITaskOrchestrationClient anonymous, TimeProvider? clock = null) : IAccessTokenProvider, IDisposable
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private volatile AccessTokenDto? _tokens;
    private DateTimeOffset _expiresAt;

    /// <summary>Raised with the new tokens after a sign-in or refresh, and with null when the session ends.</summary>
    public event Action<AccessTokenDto?>? TokensChanged;

    public bool IsSignedIn => _tokens is not null;

    public async Task SignInAsync(string email, string password, CancellationToken cancellationToken = default) =>
        Keep(await anonymous.IssueTokenAsync(new IssueTokenCommand { Email = email, Password = password }, cancellationToken).ConfigureAwait(false));

    /// <summary>Forgets the tokens (call the API's logout first to end the session on the server too).</summary>
    public void Forget() => Keep(null);

    public ValueTask<string?> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_tokens?.AccessToken);

    /// <summary>
    /// The access token, refreshed first when it expires within <paramref name="margin"/>: for a SignalR
    /// connection's AccessTokenProvider, which sends the token as it is and never retries after a 401.
    /// </summary>
    public async ValueTask<string?> GetFreshAccessTokenAsync(TimeSpan margin, CancellationToken cancellationToken)
    {
        var tokens = _tokens;
        if (tokens is null)
        {
            return null;
        }

        return _clock.GetUtcNow() + margin < _expiresAt ? tokens.AccessToken : await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<string?> RefreshAsync(CancellationToken cancellationToken)
    {
        var refused = _tokens;
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request refreshed while this one waited: use its token.
            if (!ReferenceEquals(_tokens, refused))
            {
                return _tokens?.AccessToken;
            }

            if (refused is null)
            {
                return null;
            }

            try
            {
                Keep(await anonymous.RefreshTokenAsync(new RefreshSessionCommand { RefreshToken = refused.RefreshToken }, cancellationToken).ConfigureAwait(false));
            }
            catch (ApiException)
            {
                // Expired, revoked or reused: this session is over.
                Keep(null);
            }

            return _tokens?.AccessToken;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Dispose() => _refreshing.Dispose();

    private void Keep(AccessTokenDto? tokens)
    {
        _expiresAt = tokens is null ? default : _clock.GetUtcNow().AddSeconds(tokens.ExpiresIn);
        _tokens = tokens;
        TokensChanged?.Invoke(tokens);
    }
}
