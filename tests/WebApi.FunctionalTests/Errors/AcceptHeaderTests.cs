using System.Net;
using System.Text;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Errors;

/// <summary>
/// An error is an application/problem+json answer whatever the request's Accept header asks for: a browser's
/// text/html, or application/xml, gets the problem too, never an empty or plain-text error, nor a 500 in place of a 404.
/// </summary>
public sealed class AcceptHeaderTests(ApiFactory factory) : ApiTestBase(factory)
{
    public static TheoryData<string> AcceptHeaders => new() { "text/html", "application/xml", "text/plain" };

    [Theory]
    [MemberData(nameof(AcceptHeaders))]
    public async Task NoToken_Answers401Problem(string accept)
    {
        using var client = Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/me");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        await Problem.AssertAsync(await client.SendAsync(request), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [MemberData(nameof(AcceptHeaders))]
    public async Task UnknownTask_Answers404Problem(string accept)
    {
        var user = await SignUpAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tasks/{Guid.NewGuid()}");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        await Problem.AssertAsync(await user.Client.SendAsync(request), HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [MemberData(nameof(AcceptHeaders))]
    public async Task BrokenBody_Answers400Problem(string accept)
    {
        var user = await SignUpAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tasks") { Content = new StringContent("{", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", accept);

        await Problem.AssertAsync(await user.Client.SendAsync(request), HttpStatusCode.BadRequest, "malformed_request");
    }

    [Theory]
    [MemberData(nameof(AcceptHeaders))]
    public async Task WrongPassword_Answers401Problem(string accept)
    {
        using var client = Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/token") { Content = Json.Body(new { email = "nobody@example.com", password = "not-the-password" }) };
        request.Headers.TryAddWithoutValidation("Accept", accept);

        await Problem.AssertAsync(await client.SendAsync(request), HttpStatusCode.Unauthorized, "invalid_credentials");
    }
}
