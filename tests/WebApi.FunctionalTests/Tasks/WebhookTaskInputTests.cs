using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

/// <summary>
/// An <c>http.webhook</c> task is checked by its handler when it is created, in an API without a worker: a URL
/// outside Worker:WebhookAllowedUrls is a 400 with its own code, not a task that fails for good when it runs.
/// </summary>
public sealed class WebhookTaskInputTests(ApiFactory factory) : ApiTestBase(factory)
{
    private const string AllowedUrl = "https://hooks.example.com/in";

    [Theory]
    [InlineData("https://hooks.example.com/in")]
    [InlineData("https://hooks.example.com/in/orders?id=7")]
    public async Task AUrlInsideTheAllowList_IsCreated(string url)
    {
        var user = await SignUpAsync();
        using var api = AllowingHooks();

        var response = await ClientFor(api, user).PostAsync("/api/v1/tasks", Json.Body(new { title = "Notify", kind = "http.webhook", input = new { url, body = new { order = 7 } } }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(url, (await response.ReadAsync<TaskDto>()).Input?.GetProperty("url").GetString());
    }

    [Theory]
    [InlineData("https://hooks.example.com/admin")]
    [InlineData("https://hooks.example.com/in-other")]
    [InlineData("https://hooks.example.com.evil.example/in")]
    [InlineData("http://hooks.example.com/in")]
    [InlineData("https://hooks.example.com:8443/in")]
    public async Task AUrlOutsideTheAllowList_Is400WithTheAllowListsCode_AndCreatesNothing(string url)
    {
        var user = await SignUpAsync();
        using var api = AllowingHooks();

        var response = await ClientFor(api, user).PostAsync("/api/v1/tasks", Json.Body(new { title = "Notify", kind = "http.webhook", input = new { url } }));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "webhook_url_not_allowed");
        Assert.Contains("is not an allowed webhook URL", Assert.Single(problem.Errors["input.url"]), StringComparison.Ordinal);
        Assert.Equal(["input.url"], problem.Errors.Keys);
        Assert.Equal(0, await CountTasksAsync());
    }

    [Fact]
    public async Task WithoutAnAllowList_NoUrlIsAllowed()
    {
        var user = await SignUpAsync();

        var response = await user.Client.PostAsync("/api/v1/tasks", Json.Body(new { title = "Notify", kind = "http.webhook", input = new { url = AllowedUrl } }));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "webhook_url_not_allowed");
        Assert.Equal(0, await CountTasksAsync());
    }

    [Fact]
    public async Task AnInputWithoutAnHttpUrl_Is400_AndAnotherFieldsFailure_KeepsTheGeneralCode()
    {
        var user = await SignUpAsync();
        using var api = AllowingHooks();
        var client = ClientFor(api, user);

        var noUrl = await Problem.AssertAsync(
            await client.PostAsync("/api/v1/tasks", Json.Body(new { title = "Notify", kind = "http.webhook", input = new { url = "ftp://hooks.example.com/in" } })),
            HttpStatusCode.BadRequest,
            "validation_failed");
        var notAnObject = await Problem.AssertAsync(
            await client.PostAsync("/api/v1/tasks", Json.Body(new { title = "Notify", kind = "http.webhook", input = "https://hooks.example.com/in" })),
            HttpStatusCode.BadRequest,
            "validation_failed");
        var twoRules = await Problem.AssertAsync(
            await client.PostAsync("/api/v1/tasks", Json.Body(new { title = " ", kind = "http.webhook", input = new { url = "https://elsewhere.example/" } })),
            HttpStatusCode.BadRequest,
            "validation_failed");

        Assert.Equal(["input.url"], noUrl.Errors.Keys);
        Assert.Equal(["input"], notAnObject.Errors.Keys);
        Assert.Equal(["input.url", "title"], twoRules.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await CountTasksAsync());
    }

    private WebApplicationFactory<Program> AllowingHooks() =>
        Factory.WithWebHostBuilder(builder => builder.UseSetting("Worker:WebhookAllowedUrls:0", AllowedUrl));

    private static HttpClient ClientFor(WebApplicationFactory<Program> api, TestUser user)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = user.Client.DefaultRequestHeaders.Authorization;
        return client;
    }

    private async Task<long> CountTasksAsync()
    {
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM tasks", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
