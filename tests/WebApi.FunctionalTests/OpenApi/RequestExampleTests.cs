using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.OpenApi;

/// <summary>
/// Every request body the OpenAPI document describes has an example, and each example succeeds when sent exactly as
/// Swagger UI fills it in, walked in the order a newcomer would: register Ada, sign her in, create a draft, and on.
/// </summary>
public sealed class RequestExampleTests(ApiFactory factory) : ApiTestBase(factory)
{
    /// <summary>The one body no example can make succeed: it needs a refresh token the API issued a moment before.</summary>
    private const string NeedsAnIssuedToken = "RefreshToken";

    [Fact]
    public async Task EveryRequestBodyExample_SucceedsWhenSentAsIs()
    {
        var examples = await ExamplesByOperationAsync();
        var admin = await SignUpAsync("admin");
        using var anonymous = Anonymous();
        var sent = new List<string>();

        async Task<JsonElement> SendAsync(string operationId, HttpClient client, HttpMethod method, string path)
        {
            sent.Add(operationId);
            using var request = new HttpRequestMessage(method, path)
            {
                Content = new StringContent(examples[operationId], Encoding.UTF8, "application/json"),
            };
            var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{operationId}'s example answered {(int)response.StatusCode}: {body}");
            return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
        }

        await SendAsync("RegisterUser", anonymous, HttpMethod.Post, "/api/v1/auth/register");
        var token = await SendAsync("IssueToken", anonymous, HttpMethod.Post, "/api/v1/auth/token");
        using var ada = Anonymous();
        ada.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        var adaId = (await (await ada.GetAsync("/api/v1/users/me")).ReadAsync<JsonElement>()).GetProperty("id").GetGuid();
        await SendAsync("UpdateProfile", ada, HttpMethod.Patch, "/api/v1/users/me");
        await SendAsync("UpdateNotificationPreferences", ada, HttpMethod.Put, "/api/v1/users/me/notification-preferences");

        var draft = (await SendAsync("CreateTask", ada, HttpMethod.Post, "/api/v1/tasks")).GetProperty("id").GetGuid();
        await SendAsync("UpdateTask", ada, HttpMethod.Patch, $"/api/v1/tasks/{draft}");
        await SendAsync("SetTaskTags", ada, HttpMethod.Put, $"/api/v1/tasks/{draft}/tags");
        await SendAsync("SetTaskAssignees", admin.Client, HttpMethod.Put, $"/api/v1/tasks/{draft}/assignees");
        var comment = (await SendAsync("AddComment", ada, HttpMethod.Post, $"/api/v1/tasks/{draft}/comments")).GetProperty("id").GetGuid();
        await SendAsync("EditComment", ada, HttpMethod.Patch, $"/api/v1/tasks/{draft}/comments/{comment}");
        await SendAsync("CancelTask", ada, HttpMethod.Post, $"/api/v1/tasks/{draft}/cancel");
        await SendAsync("CompleteTask", ada, HttpMethod.Post, $"/api/v1/tasks/{await TakenTaskAsync(ada)}/complete");
        await SendAsync("FailTask", ada, HttpMethod.Post, $"/api/v1/tasks/{await TakenTaskAsync(ada)}/fail");

        await SendAsync("CreateTeam", admin.Client, HttpMethod.Post, "/api/v1/teams");
        var webhook = (await SendAsync("CreateWebhook", admin.Client, HttpMethod.Post, "/api/v1/webhooks")).GetProperty("id").GetGuid();
        await SendAsync("UpdateWebhook", admin.Client, HttpMethod.Patch, $"/api/v1/webhooks/{webhook}");
        await SendAsync("RotateWebhookSecret", admin.Client, HttpMethod.Post, $"/api/v1/webhooks/{webhook}/rotate-secret");
        await SendAsync("ChangeUserRole", admin.Client, HttpMethod.Put, $"/api/v1/users/{adaId}/role");
        // Last: it ends Ada's other sessions.
        await SendAsync("ChangePassword", ada, HttpMethod.Post, "/api/v1/users/me/password");

        Assert.Equal(examples.Keys.Where(id => id != NeedsAnIssuedToken).Order(), sent.Order());
    }

    [Fact]
    public async Task TheRefreshExample_SaysWhereItsTokenComesFrom()
    {
        var example = JsonDocument.Parse((await ExamplesByOperationAsync())[NeedsAnIssuedToken]).RootElement;

        Assert.Contains("POST /api/v1/auth/token", example.GetProperty("refreshToken").GetString(), StringComparison.Ordinal);
    }

    private static async Task<Guid> TakenTaskAsync(HttpClient client)
    {
        var created = await (await client.PostAsync("/api/v1/tasks", Json.Body(new { title = "Proofread the notes" }))).ReadAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/tasks/{id}/take", null)).StatusCode);
        return id;
    }

    /// <summary>Each operation with a request body, and its JSON example as the document gives it; none may lack one.</summary>
    private async Task<Dictionary<string, string>> ExamplesByOperationAsync()
    {
        using var client = Anonymous();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var examples = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var operation in from path in document.GetProperty("paths").EnumerateObject()
                                  from candidate in path.Value.EnumerateObject()
                                  where candidate.Value.ValueKind == JsonValueKind.Object && candidate.Value.TryGetProperty("requestBody", out _)
                                  select candidate.Value)
        {
            var operationId = operation.GetProperty("operationId").GetString()!;
            var json = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
            Assert.True(json.TryGetProperty("example", out var example), $"{operationId}'s request body has no example.");
            examples[operationId] = example.GetRawText();
        }

        return examples;
    }
}
