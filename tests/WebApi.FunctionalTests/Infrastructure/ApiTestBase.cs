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
    /// Sets the user's role ('member', 'manager' or 'admin') in the database and signs them in again: the role travels
    /// in the token as a claim, so only the new token carries it (the old client keeps the old one).
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
