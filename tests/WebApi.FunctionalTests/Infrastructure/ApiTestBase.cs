using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Users;
using TaskOrchestration.Application.Users.Commands.IssueToken;

namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

/// <summary>Each test starts from an empty database and signs its users in through the real endpoints.</summary>
[Collection(ApiTestGroup.Name)]
public abstract class ApiTestBase(ApiFactory factory) : IAsyncLifetime
{
    public const string Password = "correct-horse-battery-staple";

    protected ApiFactory Factory { get; } = factory;

    public Task InitializeAsync() => Factory.Database.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected HttpClient Anonymous() => Factory.CreateClient();

    /// <summary>Registers a user through the real endpoint, gives them <paramref name="role"/>, and signs them in.</summary>
    protected async Task<TestUser> SignUpAsync(string role = "member")
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        using var anonymous = Anonymous();
        var registered = await anonymous.PostAsync("/api/v1/auth/register", Json.Body(new { email, password = Password, displayName = "Test User" }));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var user = await registered.ReadAsync<UserDto>();

        return role == "member"
            ? new TestUser(user.Id, email, role, await SignInAsync(email, Password))
            : await SetRoleAndSignInAsync(user.Id, email, role);
    }

    /// <summary>
    /// Sets the user's role ('member', 'manager' or 'admin') in the database and signs them in again. Written by hand,
    /// the change is not announced to the API, which may keep using the role it read for an old token (up to
    /// Sessions:AccessStateCacheSeconds): the new session's token is read afresh.
    /// </summary>
    protected Task<TestUser> ChangeRoleAsync(TestUser user, string role)
    {
        ArgumentNullException.ThrowIfNull(user);
        return SetRoleAndSignInAsync(user.Id, user.Email, role);
    }

    private async Task<TestUser> SetRoleAndSignInAsync(Guid id, string email, string role)
    {
        await using (var connection = await Factory.Database.OpenConnectionAsync())
        await using (var update = new NpgsqlCommand("UPDATE users SET role = @role WHERE id = @id", connection))
        {
            update.Parameters.AddWithValue("role", role);
            update.Parameters.AddWithValue("id", id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        return new TestUser(id, email, role, await SignInAsync(email, Password));
    }

    protected async Task<HttpClient> SignInAsync(string email, string password)
    {
        using var anonymous = Anonymous();
        var response = await anonymous.PostAsync("/api/v1/auth/token", Json.Body(new { email, password }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.ReadAsync<AccessTokenDto>();
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    /// <summary>A client that sends <paramref name="accessToken"/>.</summary>
    protected HttpClient WithToken(string accessToken)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>POST /auth/token, whatever it answers.</summary>
    protected async Task<HttpResponseMessage> RequestTokenAsync(string email, string password)
    {
        using var client = Anonymous();
        return await client.PostAsync("/api/v1/auth/token", Json.Body(new { email, password }));
    }

    /// <summary>Signs in (a new session) and returns its access and refresh tokens.</summary>
    protected async Task<AccessTokenDto> SignInForTokensAsync(string email, string password = Password)
    {
        var response = await RequestTokenAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<AccessTokenDto>();
    }

    /// <summary>POST /auth/refresh, whatever it answers.</summary>
    protected async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var client = Anonymous();
        return await client.PostAsync("/api/v1/auth/refresh", Json.Body(new { refreshToken }));
    }

    /// <summary>Ends <paramref name="session"/> of <paramref name="user"/> as <paramref name="how"/> says, through the API.</summary>
    protected async Task EndSessionAsync(SessionEnding how, TestUser user, AccessTokenDto session)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(session);
        switch (how)
        {
            case SessionEnding.Logout:
                Assert.Equal(HttpStatusCode.NoContent, (await WithToken(session.AccessToken).PostAsync("/api/v1/auth/logout", null)).StatusCode);
                break;
            case SessionEnding.LogoutAll:
                Assert.Equal(HttpStatusCode.NoContent, (await user.Client.PostAsync("/api/v1/auth/logout-all", null)).StatusCode);
                break;
            case SessionEnding.PasswordChangedElsewhere:
                var changed = await user.Client.PostAsync("/api/v1/users/me/password", Json.Body(new { currentPassword = Password, newPassword = "a-brand-new-password" }));
                Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
                break;
            case SessionEnding.RefreshTokenReused:
                Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(session.RefreshToken)).StatusCode);
                Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(session.RefreshToken)).StatusCode);
                break;
            case SessionEnding.DeactivatedThenReactivated:
                var admin = await SignUpAsync("admin");
                Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/v1/users/{user.Id}/deactivate", null)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/v1/users/{user.Id}/reactivate", null)).StatusCode);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(how), how, null);
        }
    }

    protected static async Task<TaskDto> CreateTaskAsync(TestUser user, string title = "A task", bool draft = false, string priority = "normal")
    {
        var response = await user.Client.PostAsync("/api/v1/tasks", Json.Body(new { title, draft, priority }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<TaskDto>();
    }

    protected static async Task<TaskDto> GetTaskAsync(TestUser user, Guid id)
    {
        var response = await user.Client.GetAsync($"/api/v1/tasks/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<TaskDto>();
    }

    protected static Task<HttpResponseMessage> FireAsync(TestUser user, Guid id, string action, object? body = null) =>
        user.Client.PostAsync($"/api/v1/tasks/{id}/{action}", body is null ? null : Json.Body(body));

    /// <summary>Fires <paramref name="action"/> and asserts it succeeded, returning the new state.</summary>
    protected static async Task<TaskDto> FireOkAsync(TestUser user, Guid id, string action, object? body = null)
    {
        var response = await FireAsync(user, id, action, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<TaskDto>();
    }
}
