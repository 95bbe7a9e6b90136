using System.Net;
using System.Text.Json;
using TaskOrchestration.Application.Webhooks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Webhooks;

/// <summary>Helpers of the webhook endpoints' tests: an admin, and webhooks registered through the API.</summary>
public abstract class WebhookApiTest(ApiFactory factory) : ApiTestBase(factory)
{
    /// <summary>A public address (TEST-NET-3, documentation only): registration accepts it without resolving anything.</summary>
    protected const string PublicUrl = "https://203.0.113.10/hooks";

    protected static readonly string[] TaskCreatedOnly = ["taskCreated"];

    protected static async Task<WebhookWithSecretDto> RegisterAsync(TestUser admin, string url = PublicUrl, string[]? eventTypes = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var response = await admin.Client.PostAsync("/api/v1/webhooks", Json.Body(new { url, eventTypes = eventTypes ?? TaskCreatedOnly, description }));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Registering answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<WebhookWithSecretDto>();
    }

    protected static async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(TestUser admin, string path)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var response = await admin.Client.GetAsync(path);
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    protected static async Task<HttpResponseMessage> SendAsync(TestUser admin, HttpMethod method, string path, object? body = null, string? ifMatch = null)
    {
        ArgumentNullException.ThrowIfNull(admin);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Json.Body(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await admin.Client.SendAsync(request);
    }

    protected static string ETag(uint version) => $"\"{version}\"";
}
