using System.Net;
using System.Text;
using TaskOrchestration.Application.Common.Validation;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Errors;

/// <summary>
/// Text PostgreSQL cannot store in any request field: NUL (text columns refuse it) and half of a surrogate pair (it
/// has no UTF-8 form; the framework refuses it as it reads the body) are validation failures of that field, and
/// change nothing.
/// </summary>
public sealed class StoredTextTests(ApiFactory factory) : ApiTestBase(factory)
{
    public static TheoryData<string, string, string?, string> NulInAField => new()
    {
        { "POST", "/api/v1/tasks", """{"title":"a\u0000b"}""", "title" },
        { "PATCH", "/api/v1/tasks/{id}", """{"description":"a\u0000b"}""", "description" },
        { "POST", "/api/v1/tasks/{id}/comments", """{"body":"\u0000"}""", "body" },
        { "POST", "/api/v1/tasks/{id}/complete", """{"result":"done\u0000"}""", "result" },
        { "POST", "/api/v1/tasks/{id}/fail", """{"reason":"\u0000"}""", "reason" },
        { "POST", "/api/v1/tasks/{id}/cancel", """{"reason":"a\u0000"}""", "reason" },
        { "PUT", "/api/v1/tasks/{id}/tags", """{"tags":["ok","a\u0000"]}""", "tags[1]" },
        { "GET", "/api/v1/tasks?search=a%00b", null, "search" },
        { "GET", "/api/v1/tasks?tag=ok&tag=a%00b", null, "tag[1]" },
        { "PATCH", "/api/v1/users/me", """{"displayName":"a\u0000b"}""", "displayName" },
        { "POST", "/api/v1/teams", """{"name":"a\u0000b"}""", "name" },
        { "POST", "/api/v1/webhooks", """{"url":"https://example.com/hook","eventTypes":["taskCreated"],"description":"a\u0000"}""", "description" },
    };

    public static TheoryData<string, string, string, string> LoneSurrogateInAField => new()
    {
        { "POST", "/api/v1/tasks", """{"title":"a\ud800"}""", "title" },
        { "PATCH", "/api/v1/tasks/{id}", """{"description":"\udc00"}""", "description" },
        { "POST", "/api/v1/tasks/{id}/comments", """{"body":"x\udbff"}""", "body" },
        { "PUT", "/api/v1/tasks/{id}/tags", """{"tags":["ok","\ud800"]}""", "tags[1]" },
        { "PATCH", "/api/v1/users/me", """{"displayName":"\udfff\ud800"}""", "displayName" },
    };

    [Theory]
    [MemberData(nameof(NulInAField))]
    public async Task NulInAnyField_Is400NamingTheField_AndChangesNothing(string method, string path, string? body, string field)
    {
        var (admin, task) = await AdminWithTaskAsync();

        var response = await SendAsync(admin, method, path.Replace("{id}", task.Id.ToString(), StringComparison.Ordinal), body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([field], problem.Errors.Keys);
        Assert.Equal([StorableText.NulMessage], problem.Errors[field]);
        await AssertUnchangedAsync(admin, task);
    }

    [Theory]
    [MemberData(nameof(LoneSurrogateInAField))]
    public async Task HalfASurrogatePairInAnyField_Is400NamingTheField_AndChangesNothing(string method, string path, string body, string field)
    {
        var (admin, task) = await AdminWithTaskAsync();

        var response = await SendAsync(admin, method, path.Replace("{id}", task.Id.ToString(), StringComparison.Ordinal), body);

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([field], problem.Errors.Keys);
        Assert.Equal([StorableText.LoneSurrogateMessage], problem.Errors[field]);
        await AssertUnchangedAsync(admin, task);
    }

    private async Task<(TestUser Admin, Application.Tasks.TaskDto Task)> AdminWithTaskAsync()
    {
        var admin = await SignUpAsync("admin");
        return (admin, await CreateTaskAsync(admin));
    }

    private static async Task AssertUnchangedAsync(TestUser admin, Application.Tasks.TaskDto task)
    {
        var tasks = await (await admin.Client.GetAsync("/api/v1/tasks?includeTotal=true")).ReadAsync<Application.Common.Models.PagedList<Application.Tasks.TaskDto>>();
        var only = Assert.Single(tasks.Items);
        Assert.Equal((task.Id, task.Version), (only.Id, only.Version));
        var me = await (await admin.Client.GetAsync("/api/v1/users/me")).ReadAsync<Application.Users.UserDto>();
        Assert.Equal("Test User", me.DisplayName);
    }

    private static Task<HttpResponseMessage> SendAsync(TestUser user, string method, string path, string? json)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return user.Client.SendAsync(request);
    }
}
