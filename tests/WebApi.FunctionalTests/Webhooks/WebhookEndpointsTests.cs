using System.Net;
using System.Text.Json;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Webhooks;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Webhooks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Webhooks;

/// <summary>/api/v1/webhooks over HTTP: registration and its secret, changes guarded by ETags, rotation, deletion, deliveries.</summary>
public sealed class WebhookEndpointsTests(ApiFactory factory) : WebhookApiTest(factory)
{
    private static readonly string[] CompletedCreatedCompleted = ["taskCompleted", "taskCreated", "taskCompleted"];
    private static readonly string[] NoSuchType = ["taskExploded"];
    private static readonly string[] TaskFailedOnly = ["taskFailed"];

    [Fact]
    public async Task Create_Answers201_WithLocationETagAndTheSecret_WhichNoReadShowsAgain()
    {
        var admin = await SignUpAsync("admin");

        var response = await admin.Client.PostAsync("/api/v1/webhooks", Json.Body(new { url = PublicUrl, eventTypes = CompletedCreatedCompleted, description = "CI" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<WebhookWithSecretDto>();
        Assert.Equal($"/api/v1/webhooks/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(ETag(created.Version), response.Headers.ETag?.Tag);
        Assert.Equal((PublicUrl, "CI", true, admin.Id), (created.Url, created.Description, created.Active, created.CreatedBy));
        Assert.Equal([EventType.TaskCreated, EventType.TaskCompleted], created.EventTypes);
        Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(created.Secret["whsec_".Length..]).Length);

        var (got, body) = await GetAsync(admin, $"/api/v1/webhooks/{created.Id}");
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal(ETag(created.Version), got.Headers.ETag?.Tag);
        Assert.Equal(PublicUrl, body.GetProperty("url").GetString());
        Assert.False(body.TryGetProperty("secret", out _), "GET shows the secret.");
        var (_, list) = await GetAsync(admin, "/api/v1/webhooks");
        Assert.All(list.GetProperty("items").EnumerateArray(), item => Assert.False(item.TryGetProperty("secret", out _), "The list shows secrets."));
        Assert.DoesNotContain(created.Secret, await (await admin.Client.GetAsync("/api/v1/webhooks")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> InvalidRegistrations => new()
    {
        { """{"url":"https://203.0.113.10/hooks","eventTypes":[]}""", "eventTypes" },
        { """{"url":"https://203.0.113.10/hooks"}""", "eventTypes" },
        { """{"url":"https://203.0.113.10/hooks","eventTypes":["dailySummary"]}""", "eventTypes" },
        { """{"url":"https://203.0.113.10/hooks","eventTypes":["taskCreated"],"description":"REPLACE"}""", "description" },
        { """{"eventTypes":["taskCreated"]}""", "url" },
        { """{"url":"","eventTypes":["taskCreated"]}""", "url" },
        { """{"url":"/relative/hooks","eventTypes":["taskCreated"]}""", "url" },
        { """{"url":"ftp://203.0.113.10/hooks","eventTypes":["taskCreated"]}""", "url" },
        { """{"url":"file:///etc/passwd","eventTypes":["taskCreated"]}""", "url" },
        { """{"url":"javascript:alert(1)","eventTypes":["taskCreated"]}""", "url" },
        { """{"url":"gopher://203.0.113.10:70/_","eventTypes":["taskCreated"]}""", "url" },
        { """{"url":"https://admin:secret@203.0.113.10/hooks","eventTypes":["taskCreated"]}""", "url" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task Create_RefusesInvalidInput_WithTheFieldNamed_AndStoresNothing(string json, string field)
    {
        var admin = await SignUpAsync("admin");

        var response = await admin.Client.PostAsync("/api/v1/webhooks", new StringContent(json.Replace("REPLACE", new string('d', 501), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains(field, problem.Errors.Keys);
        Assert.Empty((await (await admin.Client.GetAsync("/api/v1/webhooks")).ReadAsync<PagedList<WebhookDto>>()).Items);
    }

    [Fact]
    public async Task Create_RefusesAnEventTypeThatDoesNotExist_AsMalformed()
    {
        var admin = await SignUpAsync("admin");

        var response = await admin.Client.PostAsync("/api/v1/webhooks", Json.Body(new { url = PublicUrl, eventTypes = NoSuchType }));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        Assert.Contains(problem.Errors.Keys, key => key.StartsWith("eventTypes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Update_WithTheCurrentETag_ChangesWhatIsGiven_AndAnswersTheNewETag()
    {
        var admin = await SignUpAsync("admin");
        var created = await RegisterAsync(admin, description: "CI");

        var response = await SendAsync(admin, HttpMethod.Patch, $"/api/v1/webhooks/{created.Id}", new { url = "http://198.51.100.7/other", eventTypes = TaskFailedOnly, active = false }, ETag(created.Version));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var updated = await response.ReadAsync<WebhookDto>();
        Assert.Equal(("http://198.51.100.7/other", "CI", false), (updated.Url, updated.Description, updated.Active));
        Assert.Equal([EventType.TaskFailed], updated.EventTypes);
        Assert.NotEqual(created.Version, updated.Version);
        Assert.Equal(ETag(updated.Version), response.Headers.ETag?.Tag);
        var (_, body) = await GetAsync(admin, $"/api/v1/webhooks/{created.Id}");
        Assert.False(body.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Update_WithAStaleETag_Answers412_AndChangesNothing()
    {
        var admin = await SignUpAsync("admin");
        var created = await RegisterAsync(admin, description: "CI");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Patch, $"/api/v1/webhooks/{created.Id}", new { description = "First" }, ETag(created.Version))).StatusCode);

        var stale = await SendAsync(admin, HttpMethod.Patch, $"/api/v1/webhooks/{created.Id}", new { description = "Lost update" }, ETag(created.Version));

        await Problem.AssertAsync(stale, HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal("First", (await GetAsync(admin, $"/api/v1/webhooks/{created.Id}")).Body.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("W/\"1\"")]
    public async Task Update_WithAnIfMatchThatIsNotOneOfOurETags_Answers400(string ifMatch)
    {
        var admin = await SignUpAsync("admin");
        var created = await RegisterAsync(admin);

        var problem = await Problem.AssertAsync(await SendAsync(admin, HttpMethod.Patch, $"/api/v1/webhooks/{created.Id}", new { description = "x" }, ifMatch), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains("If-Match", problem.Errors.Keys);
    }

    [Fact]
    public async Task Update_RefusesBadValues_AndAnUnknownWebhook()
    {
        var admin = await SignUpAsync("admin");
        var created = await RegisterAsync(admin);
        var path = $"/api/v1/webhooks/{created.Id}";

        Assert.Contains("eventTypes", (await Problem.AssertAsync(await SendAsync(admin, HttpMethod.Patch, path, new { eventTypes = Array.Empty<string>() }), HttpStatusCode.BadRequest, "validation_failed")).Errors.Keys);
        Assert.Contains("url", (await Problem.AssertAsync(await SendAsync(admin, HttpMethod.Patch, path, new { url = "ftp://203.0.113.10/" }), HttpStatusCode.BadRequest, "validation_failed")).Errors.Keys);
        await Problem.AssertAsync(await SendAsync(admin, HttpMethod.Patch, path, new { url = "http://10.1.2.3/hooks" }), HttpStatusCode.BadRequest, "webhook_url_forbidden");
        await Problem.AssertAsync(await SendAsync(admin, HttpMethod.Patch, path, new { colour = "red" }), HttpStatusCode.BadRequest, "malformed_request");
        await Problem.AssertAsync(await SendAsync(admin, HttpMethod.Patch, $"/api/v1/webhooks/{Guid.NewGuid()}", new { description = "x" }), HttpStatusCode.NotFound, "not_found");

        var (_, body) = await GetAsync(admin, path);
        Assert.Equal((PublicUrl, created.Version), (body.GetProperty("url").GetString(), body.GetProperty("version").GetUInt32()));
    }

    [Fact]
    public async Task RotateSecret_AnswersANewSecretOnce_KeepingThePreviousForADay_OrNot()
    {
        var admin = await SignUpAsync("admin");
        var created = await RegisterAsync(admin);

        var rotated = await SendAsync(admin, HttpMethod.Post, $"/api/v1/webhooks/{created.Id}/rotate-secret", ifMatch: ETag(created.Version));

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var kept = await rotated.ReadAsync<WebhookWithSecretDto>();
        Assert.StartsWith("whsec_", kept.Secret, StringComparison.Ordinal);
        Assert.NotEqual(created.Secret, kept.Secret);
        Assert.Equal(ETag(kept.Version), rotated.Headers.ETag?.Tag);
        Assert.NotNull(kept.PreviousSecretExpiresAt);
        Assert.Equal(TimeSpan.FromHours(24), kept.PreviousSecretExpiresAt!.Value - kept.UpdatedAt);

        var dropped = await (await SendAsync(admin, HttpMethod.Post, $"/api/v1/webhooks/{created.Id}/rotate-secret", new { keepPrevious = false })).ReadAsync<WebhookWithSecretDto>();
        Assert.Null(dropped.PreviousSecretExpiresAt);
        Assert.NotEqual(kept.Secret, dropped.Secret);

        await Problem.AssertAsync(await SendAsync(admin, HttpMethod.Post, $"/api/v1/webhooks/{created.Id}/rotate-secret", ifMatch: ETag(created.Version)), HttpStatusCode.PreconditionFailed, "precondition_failed");
        var (_, body) = await GetAsync(admin, $"/api/v1/webhooks/{created.Id}");
        Assert.False(body.TryGetProperty("secret", out _));
        Assert.Equal(dropped.Version, body.GetProperty("version").GetUInt32());
    }

    [Fact]
    public async Task Delete_HonoursIfMatch_AndTakesTheDeliveriesWithIt()
    {
        var admin = await SignUpAsync("admin");
        var created = await RegisterAsync(admin);
        await AddDeliveriesAsync(created.Id, 1);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(admin, HttpMethod.Patch, $"/api/v1/webhooks/{created.Id}", new { description = "Changed" })).StatusCode);

        await Problem.AssertAsync(await SendAsync(admin, HttpMethod.Delete, $"/api/v1/webhooks/{created.Id}", ifMatch: ETag(created.Version)), HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.GetAsync($"/api/v1/webhooks/{created.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.DeleteAsync($"/api/v1/webhooks/{created.Id}")).StatusCode);

        await Problem.AssertAsync(await admin.Client.GetAsync($"/api/v1/webhooks/{created.Id}"), HttpStatusCode.NotFound, "not_found");
        await Problem.AssertAsync(await admin.Client.DeleteAsync($"/api/v1/webhooks/{created.Id}"), HttpStatusCode.NotFound, "not_found");
        await using var db = Factory.Database.CreateDbContext();
        Assert.Equal(0, db.WebhookDeliveries.Count());
    }

    [Fact]
    public async Task Deliveries_ArePagedNewestFirst_FilteredByStatus_AndOnlyThisWebhooks()
    {
        var admin = await SignUpAsync("admin");
        var webhook = await RegisterAsync(admin);
        var other = await RegisterAsync(admin);
        var ids = await AddDeliveriesAsync(webhook.Id, 5);
        await AddDeliveriesAsync(other.Id, 2);

        var first = await (await admin.Client.GetAsync($"/api/v1/webhooks/{webhook.Id}/deliveries?pageSize=2&includeTotal=true")).ReadAsync<PagedList<WebhookDeliveryDto>>();
        var last = await (await admin.Client.GetAsync($"/api/v1/webhooks/{webhook.Id}/deliveries?pageSize=2&page=3")).ReadAsync<PagedList<WebhookDeliveryDto>>();

        Assert.Equal((5, true, false), (first.TotalCount, first.HasMore, last.HasMore));
        Assert.Equal([ids[4], ids[3]], first.Items.Select(delivery => delivery.Id));
        Assert.Equal([ids[0]], last.Items.Select(delivery => delivery.Id));
        Assert.All(first.Items, delivery => Assert.Equal(webhook.Id, delivery.WebhookId));
        Assert.Equal(JsonValueKind.Object, first.Items[0].Payload.ValueKind);
        Assert.Equal(first.Items[0].EventId, first.Items[0].Payload.GetProperty("id").GetGuid());

        var failed = await (await admin.Client.GetAsync($"/api/v1/webhooks/{webhook.Id}/deliveries?status=failed")).ReadAsync<PagedList<WebhookDeliveryDto>>();
        Assert.Equal([ids[3]], failed.Items.Select(delivery => delivery.Id));
        Assert.Equal((WebhookDeliveryStatus.Failed, 1, (int?)400, "HTTP 400 from 203.0.113.10"), (failed.Items[0].Status, failed.Items[0].Attempts, failed.Items[0].LastStatusCode, failed.Items[0].LastError));
        var succeeded = await (await admin.Client.GetAsync($"/api/v1/webhooks/{webhook.Id}/deliveries?status=succeeded")).ReadAsync<PagedList<WebhookDeliveryDto>>();
        Assert.Equal([ids[4]], succeeded.Items.Select(delivery => delivery.Id));
    }

    [Fact]
    public async Task Deliveries_RefuseBadParameters_AndAnUnknownWebhook()
    {
        var admin = await SignUpAsync("admin");
        var webhook = await RegisterAsync(admin);

        Assert.Contains("status", (await Problem.AssertAsync(await admin.Client.GetAsync($"/api/v1/webhooks/{webhook.Id}/deliveries?status=lost"), HttpStatusCode.BadRequest, "validation_failed")).Errors.Keys);
        Assert.Contains("pageSize", (await Problem.AssertAsync(await admin.Client.GetAsync($"/api/v1/webhooks/{webhook.Id}/deliveries?pageSize=101"), HttpStatusCode.BadRequest, "validation_failed")).Errors.Keys);
        await Problem.AssertAsync(await admin.Client.GetAsync($"/api/v1/webhooks/{Guid.NewGuid()}/deliveries"), HttpStatusCode.NotFound, "not_found");
    }

    /// <summary>
    /// Deliveries written as the consumer and the sender would write them, a minute apart, oldest first; the fourth
    /// failed (400), the fifth succeeded, the others are pending. Answers their ids in that order.
    /// </summary>
    private async Task<List<Guid>> AddDeliveriesAsync(Guid webhookId, int count)
    {
        await using var db = Factory.Database.CreateDbContext();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var deliveries = Enumerable.Range(0, count).Select(index =>
        {
            var eventId = Guid.NewGuid();
            var at = start.AddMinutes(index);
            var delivery = WebhookDelivery.Create(webhookId, eventId, EventType.TaskCreated, $$"""{"id":"{{eventId}}","version":1,"type":"taskCreated"}""", at);
            if (index == 3)
            {
                delivery.RecordFailure(400, "HTTP 400 from 203.0.113.10", mayPass: false, maxAttempts: 12, TimeSpan.FromSeconds(30), at);
            }
            else if (index == 4)
            {
                delivery.RecordSuccess(204, at);
            }

            return delivery;
        }).ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        await db.SaveChangesAsync();
        return [.. deliveries.Select(delivery => delivery.Id)];
    }
}
