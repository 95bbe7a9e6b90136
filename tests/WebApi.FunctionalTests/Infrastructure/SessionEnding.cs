namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

/// <summary>Each way a session ends before its access token expires (<see cref="ApiTestBase.EndSessionAsync"/>).</summary>
public enum SessionEnding
{
    /// <summary>POST /auth/logout with the session's own token.</summary>
    Logout,

    /// <summary>POST /auth/logout-all, from another session of the same user.</summary>
    LogoutAll,

    /// <summary>POST /users/me/password from another session: every other session ends.</summary>
    PasswordChangedElsewhere,

    /// <summary>The session's refresh token presented a second time (someone copied it).</summary>
    RefreshTokenReused,

    /// <summary>An admin deactivates the account and reactivates it: reactivation does not bring sessions back.</summary>
    DeactivatedThenReactivated,
}

/// <summary>The endings as theory data, for tests that check each of them.</summary>
public static class SessionEndings
{
    public static TheoryData<SessionEnding> All => new(Enum.GetValues<SessionEnding>());
}
