using System.Net;
using System.Text;
using System.Text.Json;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Errors;

/// <summary>No request, however malformed, gets a 5xx: each answers a 4xx problem.</summary>
public sealed class MalformedRequestTests(ApiFactory factory) : ApiTestBase(factory)
{
    public static TheoryData<string, string, string?> MalformedRequests => new()
    {
        // Broken or mistyped JSON.
        { "POST", "/api/v1/tasks", """{"title":"ok","priority":99999999999999999999}""" },
        { "POST", "/api/v1/tasks", """{"title":"ok","draft":1e400}""" },
        { "POST", "/api/v1/tasks", """{"title":"ok","dueDate":1e400}""" },
        { "POST", "/api/v1/tasks", """{"title":null}""" },
        { "POST", "/api/v1/tasks", """{"title":["a"]}""" },
        { "POST", "/api/v1/tasks", """{"title":{"nested":true}}""" },
        { "POST", "/api/v1/tasks", """{"title":"ok","metadata":[1,2]}""" },
        { "POST", "/api/v1/tasks", """{"title":"ok","teamId":"not-a-guid"}""" },
        { "POST", "/api/v1/tasks", "\"just a string\"" },
        { "POST", "/api/v1/tasks", "{\"title\":\"\\uD800\"}" },
        { "POST", "/api/v1/tasks", new string('[', 10_000) },
        { "POST", "/api/v1/tasks", "{\"title\":\"ok\",\"metadata\":" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 201) },
        // Invalid dates.
        { "POST", "/api/v1/tasks", """{"title":"ok","dueDate":"2024-13-45T99:00:00Z"}""" },
        { "POST", "/api/v1/tasks", """{"title":"ok","dueDate":"2025-02-30T00:00:00Z"}""" },
        { "PATCH", "/api/v1/tasks/{id}", """{"dueDate":"yesterday"}""" },
        { "GET", "/api/v1/tasks?dueBefore=not-a-date", null },
        { "GET", "/api/v1/tasks?dueAfter=2025-13-01", null },
        // Nulls where an object is expected, and arrays instead of objects.
        { "PATCH", "/api/v1/tasks/{id}", "null" },
        { "PATCH", "/api/v1/tasks/{id}", """{"priority":null,"title":123}""" },
        { "PATCH", "/api/v1/tasks/{id}", "[1,2,3]" },
        { "POST", "/api/v1/tasks/{id}/fail", "null" },
        { "POST", "/api/v1/tasks/{id}/fail", "[]" },
        { "POST", "/api/v1/tasks/{id}/fail", """{"reason":17}""" },
        { "POST", "/api/v1/tasks/{id}/complete", """{"result":false}""" },
        { "POST", "/api/v1/tasks/{id}/cancel", "[1]" },
        { "POST", "/api/v1/tasks/{id}/cancel", "{" },
        { "PUT", "/api/v1/tasks/{id}/assignees", "null" },
        { "POST", "/api/v1/auth/register", "[]" },
        { "POST", "/api/v1/auth/token", "null" },
        { "POST", "/api/v1/auth/token", """{"email":null,"password":null}""" },
        { "POST", "/api/v1/auth/register", """{"email":1,"password":2,"displayName":3}""" },
        // Query strings: invalid GUIDs, numbers that are not ints, too much text.
        { "GET", "/api/v1/tasks?ownerId=xyz", null },
        { "GET", "/api/v1/tasks?ownerId=123", null },
        { "GET", "/api/v1/tasks?createdBy=123&page=1.5", null },
        { "GET", "/api/v1/tasks?assigneeId=00000000-0000-0000-0000-00000000000Z", null },
        { "GET", "/api/v1/tasks?page=99999999999999999999", null },
        { "GET", "/api/v1/tasks?pageSize=1e3", null },
        { "GET", "/api/v1/tasks?archived=maybe", null },
        { "GET", "/api/v1/tasks?includeTotal=yes", null },
        { "GET", "/api/v1/tasks/{id}/comments?includeTotal=1", null },
        { "GET", "/api/v1/tasks?search=" + new string('x', 201), null },
        // Routes and methods that do not exist.
        { "PUT", "/api/v1/tasks/{id}", "{}" },
        { "GET", "/api/v1/tasks/{id}/history?pageSize=0", null },
        // A NUL character is valid JSON and a valid URL, but PostgreSQL cannot store or compare it.
        { "POST", "/api/v1/tasks", """{"title":"a\u0000b"}""" },
        { "PATCH", "/api/v1/tasks/{id}", """{"description":"a\u0000b"}""" },
        { "POST", "/api/v1/tasks", """{"title":"ok","metadata":{"note":"\u0000"}}""" },
        { "POST", "/api/v1/tasks/{id}/cancel", """{"reason":"a\u0000b"}""" },
        { "POST", "/api/v1/tasks/{id}/comments", """{"body":"a\u0000b"}""" },
        { "GET", "/api/v1/tasks?search=a%00b", null },
        { "POST", "/api/v1/auth/register", """{"email":"nul@example.com","password":"correct-horse-battery-staple","displayName":"a\u0000b"}""" },
        { "POST", "/api/v1/auth/token", """{"email":"a\u0000b@example.com","password":"correct-horse-battery-staple"}""" },
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

        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("code").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
    }
}
