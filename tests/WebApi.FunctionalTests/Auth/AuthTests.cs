using System.Net;
using System.Text.Json;
using TaskOrchestration.Application.Users;
using TaskOrchestration.Application.Users.Commands.IssueToken;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Auth;

public sealed class AuthTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Register_CreatesAMember_AndTheTokenSignsThemIn()
    {
        using var anonymous = Anonymous();
        var registered = await anonymous.PostAsync("/api/v1/auth/register", Json.Body(new { email = "  Ada@Example.COM ", password = Password, displayName = "Ada" }));

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var user = await registered.ReadAsync<UserDto>();
        Assert.Equal(("ada@example.com", "Ada", UserRole.Member), (user.Email, user.DisplayName, user.Role));
        Assert.DoesNotContain("password", await registered.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        var tokenResponse = await anonymous.PostAsync("/api/v1/auth/token", Json.Body(new { email = "ADA@example.com", password = Password }));
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.True(tokenResponse.Headers.CacheControl?.NoStore);
        var token = await tokenResponse.ReadAsync<AccessTokenDto>();
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(900, token.ExpiresIn);

        var client = await SignInAsync("ada@example.com", Password);
        var me = await (await client.GetAsync("/api/v1/users/me")).ReadAsync<UserDto>();
        Assert.Equal(user.Id, me.Id);
    }

    [Fact]
    public async Task Register_AnEmailAlreadyTaken_AnswersLikeANewAccount_ChangesNothing_AndEmailsTheOwner()
    {
        using var anonymous = Anonymous();
        var first = await anonymous.PostAsync("/api/v1/auth/register", Json.Body(new { email = "grace@example.com", password = Password, displayName = "Grace" }));
        var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;

        var again = await anonymous.PostAsync("/api/v1/auth/register", Json.Body(new { email = "GRACE@example.com", password = "another-long-password", displayName = "Other" }));

        // The same status, location and fields as a new account: nothing tells the caller the address was taken.
        Assert.Equal((HttpStatusCode.Created, first.Headers.Location), (again.StatusCode, again.Headers.Location));
        var againBody = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(FieldNames(firstBody), FieldNames(againBody));
        Assert.NotEqual(firstBody.GetProperty("id").GetGuid(), againBody.GetProperty("id").GetGuid());
        Assert.Equal(
            ("grace@example.com", "Other", "member", true),
            (againBody.GetProperty("email").GetString(), againBody.GetProperty("displayName").GetString(), againBody.GetProperty("role").GetString(), againBody.GetProperty("isActive").GetBoolean()));
        var ownerId = firstBody.GetProperty("id").GetGuid();

        // The account is untouched: one user, its own password still signs in, the new one does not.
        Assert.Equal(1L, await Factory.Database.ScalarAsync<long>("SELECT count(*) FROM users WHERE email = 'grace@example.com'"));
        await SignInAsync("grace@example.com", Password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RequestTokenAsync("grace@example.com", "another-long-password")).StatusCode);
        // Its owner is told, once however often it is tried.
        await anonymous.PostAsync("/api/v1/auth/register", Json.Body(new { email = "grace@example.com", password = "yet-another-password", displayName = "Third" }));
        Assert.Equal(1L, await Factory.Database.ScalarAsync<long>(
            "SELECT count(*) FROM outgoing_emails WHERE to_address = 'grace@example.com' AND recipient_id = @owner", ("owner", ownerId)));
    }

    private static string[] FieldNames(JsonElement body) => [.. body.EnumerateObject().Select(property => property.Name).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("not-an-email", Password, "Name", "email")]
    [InlineData("a@example.com", "short", "Name", "password")]
    [InlineData("a@example.com", Password, "", "displayName")]
    public async Task Register_WithAnInvalidField_Answers400NamingIt(string email, string password, string displayName, string field)
    {
        using var anonymous = Anonymous();

        var response = await anonymous.PostAsync("/api/v1/auth/register", Json.Body(new { email, password, displayName }));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task Token_ForAWrongPasswordAndAnUnknownEmail_GivesTheSameAnswer()
    {
        var user = await SignUpAsync();
        using var anonymous = Anonymous();

        var wrongPassword = await Problem.AssertAsync(
            await anonymous.PostAsync("/api/v1/auth/token", Json.Body(new { email = user.Email, password = "not-the-password" })),
            HttpStatusCode.Unauthorized,
            "invalid_credentials");
        var unknownEmail = await Problem.AssertAsync(
            await anonymous.PostAsync("/api/v1/auth/token", Json.Body(new { email = "nobody@example.com", password = "not-the-password" })),
            HttpStatusCode.Unauthorized,
            "invalid_credentials");

        Assert.Equal(WithoutTraceId(wrongPassword.Body), WithoutTraceId(unknownEmail.Body));
    }

    [Fact]
    public async Task Me_ForANewlyRegisteredUser_ReturnsThemAsAMember()
    {
        var user = await SignUpAsync();

        var response = await user.Client.GetAsync("/api/v1/users/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.ReadAsync<UserDto>();
        Assert.Equal((user.Id, user.Email, "Test User", UserRole.Member, true), (me.Id, me.Email, me.DisplayName, me.Role, me.IsActive));
        Assert.Contains("\"role\":\"member\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_ReturnsTheSignedInUser()
    {
        var user = await SignUpAsync("manager");

        var me = await (await user.Client.GetAsync("/api/v1/users/me")).ReadAsync<UserDto>();

        Assert.Equal((user.Id, user.Email, UserRole.Manager), (me.Id, me.Email, me.Role));
    }

    private static string WithoutTraceId(JsonElement body) =>
        JsonSerializer.Serialize(body.EnumerateObject().Where(property => property.Name != "traceId").ToDictionary(property => property.Name, property => property.Value));
}
