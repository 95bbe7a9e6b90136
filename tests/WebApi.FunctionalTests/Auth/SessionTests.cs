using System.Net;
using TaskOrchestration.Application.Users.Commands.IssueToken;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Auth;

public sealed class SessionTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Refresh_RotatesTheRefreshToken_AndTheNewAccessTokenWorks()
    {
        var user = await SignUpAsync();
        var first = await SignInForTokensAsync(user.Email);

        var refreshed = await RefreshAsync(first.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.True(refreshed.Headers.CacheControl?.NoStore);
        var second = await refreshed.ReadAsync<AccessTokenDto>();
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await WithToken(second.AccessToken).GetAsync("/api/v1/users/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(second.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task ReusingARefreshToken_Answers401_AndRevokesItsWholeFamily()
    {
        var user = await SignUpAsync();
        var stolen = await SignInForTokensAsync(user.Email);
        var legitimate = await (await RefreshAsync(stolen.RefreshToken)).ReadAsync<AccessTokenDto>();

        await Problem.AssertAsync(await RefreshAsync(stolen.RefreshToken), HttpStatusCode.Unauthorized, "refresh_token_reused");

        // The rightful holder's newer token died with the family.
        await Problem.AssertAsync(await RefreshAsync(legitimate.RefreshToken), HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Fact]
    public async Task RefreshTokens_AreStoredOnlyAsHashes()
    {
        var user = await SignUpAsync();
        var tokens = await SignInForTokensAsync(user.Email);

        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var query = new Npgsql.NpgsqlCommand("SELECT count(*) FROM refresh_tokens WHERE token_hash = @token", connection);
        query.Parameters.AddWithValue("token", tokens.RefreshToken);
        Assert.Equal(0L, await query.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("made-up-token")]
    public async Task UnknownRefreshToken_Answers4xx(string token)
    {
        var response = await RefreshAsync(token);

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
    }

    [Fact]
    public async Task Logout_EndsOnlyTheCurrentSession()
    {
        var user = await SignUpAsync();
        var laptop = await SignInForTokensAsync(user.Email);
        var phone = await SignInForTokensAsync(user.Email);

        Assert.Equal(HttpStatusCode.NoContent, (await WithToken(laptop.AccessToken).PostAsync("/api/v1/auth/logout", null)).StatusCode);

        await Problem.AssertAsync(await RefreshAsync(laptop.RefreshToken), HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(phone.RefreshToken)).StatusCode);
    }

    [Fact]
    public async Task LogoutAll_EndsEverySession()
    {
        var user = await SignUpAsync();
        var laptop = await SignInForTokensAsync(user.Email);
        var phone = await SignInForTokensAsync(user.Email);

        Assert.Equal(HttpStatusCode.NoContent, (await WithToken(laptop.AccessToken).PostAsync("/api/v1/auth/logout-all", null)).StatusCode);

        await Problem.AssertAsync(await RefreshAsync(laptop.RefreshToken), HttpStatusCode.Unauthorized, "invalid_refresh_token");
        await Problem.AssertAsync(await RefreshAsync(phone.RefreshToken), HttpStatusCode.Unauthorized, "invalid_refresh_token");
    }

    [Fact]
    public async Task ChangingThePassword_EndsTheOtherSessions_AndTheNewPasswordSignsIn()
    {
        var user = await SignUpAsync();
        var current = await SignInForTokensAsync(user.Email);
        var other = await SignInForTokensAsync(user.Email);

        var changed = await WithToken(current.AccessToken).PostAsync("/api/v1/users/me/password", Json.Body(new { currentPassword = Password, newPassword = "a-brand-new-password" }));

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        await Problem.AssertAsync(await RefreshAsync(other.RefreshToken), HttpStatusCode.Unauthorized, "invalid_refresh_token");
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(current.RefreshToken)).StatusCode);
        await SignInAsync(user.Email, "a-brand-new-password");
        await Problem.AssertAsync(await RequestTokenAsync(user.Email, Password), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task ChangingThePassword_WithAWrongCurrentPassword_Answers400()
    {
        var user = await SignUpAsync();

        var problem = await Problem.AssertAsync(
            await user.Client.PostAsync("/api/v1/users/me/password", Json.Body(new { currentPassword = "not-my-password", newPassword = "a-brand-new-password" })),
            HttpStatusCode.BadRequest,
            "validation_failed");

        Assert.Contains("currentPassword", problem.Errors.Keys);
    }

    [Fact]
    public async Task RepeatedWrongPasswords_LockTheAccount_WithTheSameAnswer()
    {
        var user = await SignUpAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await Problem.AssertAsync(await RequestTokenAsync(user.Email, "wrong-password-123"), HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        await Problem.AssertAsync(await RequestTokenAsync(user.Email, Password), HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task TwelveWrongPasswordsAtOnce_AreEachCounted_SoTheRightOneAfterThemIsRefused()
    {
        var user = await SignUpAsync();

        var guesses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => RequestTokenAsync(user.Email, "wrong-password-123")));

        Assert.All(guesses, guess => Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode));
        await Problem.AssertAsync(await RequestTokenAsync(user.Email, Password), HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.True(await Factory.Database.ScalarAsync<bool>("SELECT locked_until > now() FROM users WHERE id = @id", ("id", user.Id)));
    }

    [Fact]
    public async Task WrongPasswordsAtOnce_BelowTheLimit_CountOneEach()
    {
        var user = await SignUpAsync();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RequestTokenAsync(user.Email, "wrong-password-123")));

        Assert.Equal(4, await Factory.Database.ScalarAsync<int>("SELECT failed_sign_in_count FROM users WHERE id = @id", ("id", user.Id)));
    }
}
