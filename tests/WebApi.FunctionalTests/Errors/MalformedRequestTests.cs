using System.Net;
using System.Text;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Errors;

/// <summary>No request, however malformed, gets a 5xx: each answers a 4xx problem.</summary>
public sealed class MalformedRequestTests(ApiFactory factory) : ApiTestBase(factory)
{
    public static TheoryData<string, string, string?> MalformedRequests => new()
    {
        { "POST", "/api/v1/tasks", """{"title":"ok","priority":99999999999999999999}""" },
        { "POST", "/api/v1/tasks", """{"title":null}""" },
        { "POST", "/api/v1/tasks", """{"title":["a"]}""" },
        { "POST", "/api/v1/tasks", """{"title":{"nested":true}}""" },
        { "POST", "/api/v1/tasks", """{"title":"ok","dueDate":"2024-13-45T99:00:00Z"}""" },
        { "POST", "/api/v1/tasks", "\"just a string\"" },
        { "POST", "/api/v1/tasks", "{\"title\":\"\\uD800\"}" },
        { "POST", "/api/v1/tasks", new string('[', 10_000) },
        { "PATCH", "/api/v1/tasks/{id}", """{"priority":null,"title":123}""" },
        { "PATCH", "/api/v1/tasks/{id}", "[1,2,3]" },
        { "POST", "/api/v1/tasks/{id}/fail", """{"reason":17}""" },
        { "POST", "/api/v1/tasks/{id}/complete", """{"result":false}""" },
        { "POST", "/api/v1/tasks/{id}/cancel", "{" },
        { "GET", "/api/v1/tasks?createdBy=123&page=1.5", null },
        { "GET", "/api/v1/tasks?search=" + new string('x', 201), null },
        { "POST", "/api/v1/auth/token", """{"email":null,"password":null}""" },
        { "POST", "/api/v1/auth/register", """{"email":1,"password":2,"displayName":3}""" },
        { "PUT", "/api/v1/tasks/{id}", "{}" },
        { "GET", "/api/v1/tasks/{id}/history?pageSize=0", null },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task MalformedRequest_Answers4xxProblem(string method, string path, string? body)
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", task.Id.ToString(), StringComparison.Ordinal));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var response = await user.Client.SendAsync(request);

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
