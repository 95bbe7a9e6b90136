using System.Net;
using System.Text.Json;
using TaskOrchestration.Domain.Webhooks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Errors;

/// <summary>
/// Every problem answer carries type, title, status, detail, instance, code and traceId, whoever wrote it: the
/// answers the framework writes on its own (an authentication challenge) as much as the API's, and every 400 carries
/// 'errors', so that a client that requires these members can read each one.
/// </summary>
public sealed class ProblemMembersTests(ApiFactory factory) : ApiTestBase(factory)
{
    private static readonly string[] TaskCreatedOnly = ["taskCreated"];

    [Fact]
    public async Task AChallengedRequest_Is401_WithEveryMember_AndADetailNamingTheToken()
    {
        using var anonymous = Anonymous();

        var problem = await Problem.AssertAsync(await anonymous.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized, "unauthorized");

        AssertEveryMember(problem.Body);
        Assert.Contains("access token", problem.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Unauthorized", problem.Body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ADomainRuleBroken_Is400_WithEveryMember_AndAnEmptyErrors()
    {
        var admin = await SignUpAsync("admin");

        var response = await admin.Client.PostAsync("/api/v1/webhooks", Json.Body(new { url = "http://127.0.0.1/hooks", eventTypes = TaskCreatedOnly }));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, WebhookErrors.ForbiddenDestinationCode);
        AssertEveryMember(problem.Body);
        Assert.True(problem.Body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object, $"A 400 carries 'errors': {problem.Body}");
        Assert.Empty(problem.Errors);
    }

    private static void AssertEveryMember(JsonElement body)
    {
        foreach (var member in (string[])["type", "title", "detail", "instance", "code", "traceId"])
        {
            Assert.True(body.TryGetProperty(member, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0, $"'{member}' is missing: {body}");
        }

        Assert.Equal(JsonValueKind.Number, body.GetProperty("status").ValueKind);
    }
}
