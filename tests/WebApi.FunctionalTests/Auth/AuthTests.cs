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
    public async Task Register_AnEmailTwice_IgnoringCase_Answers409()
    {
        using var anonymous = Anonymous();
        await anonymous.PostAsync("/api/v1/auth/register", Json.Body(new { email = "grace@example.com", password = Password, displayName = "Grace" }));

        var again = await anonymous.PostAsync("/api/v1/auth/register", Json.Body(new { email = "GRACE@example.com", password = Password, displayName = "Other" }));

        await Problem.AssertAsync(again, HttpStatusCode.Conflict, "email_already_registered");
    }

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
