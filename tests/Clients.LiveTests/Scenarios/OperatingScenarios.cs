using TaskOrchestration.Client;

namespace TaskOrchestration.Clients.LiveTests.Scenarios;

/// <summary>Running the system: the engine's queues and workers, schedules, parked events, webhooks (managers and admins).</summary>
internal static class OperatingScenarios
{
    /// <summary>Where the webhooks point: nothing listens there, and only the API's answers matter here.</summary>
    private static readonly Uri Receiver = new("http://127.0.0.1:9/hooks");

    public static readonly IReadOnlyDictionary<string, Func<World, Task>> All = new Dictionary<string, Func<World, Task>>(StringComparer.Ordinal)
    {
        ["ListQueues"] = async world =>
        {
            var queues = await (await world.AdminAsync()).Api.ListQueuesAsync();
            Assert.NotEmpty(queues);
            Assert.All(queues, queue => Assert.False(string.IsNullOrEmpty(queue.Kind)));
            await Expect.ProblemAsync(403, "role_required", async () => await (await world.NewPersonAsync()).Api.ListQueuesAsync());
        },
        ["PauseQueue"] = async world =>
        {
            var admin = await world.AdminAsync();
            var queue = (await admin.Api.ListQueuesAsync())[0];
            Assert.True((await admin.Api.PauseQueueAsync(queue.Kind)).Paused);
            await admin.Api.ResumeQueueAsync(queue.Kind);
            await Expect.ProblemAsync(404, "not_found", () => admin.Api.PauseQueueAsync("no.such.kind"));
        },
        ["ResumeQueue"] = async world =>
        {
            var admin = await world.AdminAsync();
            var queue = (await admin.Api.ListQueuesAsync())[0];
            await admin.Api.PauseQueueAsync(queue.Kind);
            Assert.False((await admin.Api.ResumeQueueAsync(queue.Kind)).Paused);
            await Expect.ProblemAsync(404, "not_found", () => admin.Api.ResumeQueueAsync("no.such.kind"));
        },
        ["ListWorkers"] = async world =>
        {
            var manager = await world.NewPersonAsync(UserRole.Manager);
            // The API runs in the role both: its own worker is one of them.
            Assert.Contains(await manager.Api.ListWorkersAsync(), worker => worker.Status == WorkerStatus.Active);
            await Expect.ProblemAsync(403, "role_required", async () => await (await world.NewPersonAsync()).Api.ListWorkersAsync());
        },
        ["ListSchedules"] = async world =>
        {
            var manager = await world.NewPersonAsync(UserRole.Manager);
            Assert.Subset((await manager.Api.ListSchedulesAsync()).Select(schedule => schedule.Name).ToHashSet(), new HashSet<string> { "overdue-detection", "daily-summary", "cleanup" });
            await Expect.ProblemAsync(403, "role_required", async () => await (await world.NewPersonAsync()).Api.ListSchedulesAsync());
        },
        ["ListParkedEvents"] = async world =>
        {
            var admin = await world.AdminAsync();
            var parked = await admin.Api.ListParkedEventsAsync();
            Assert.Equal((0, null), (parked.Items.Count, parked.TotalCount));
            Assert.Equal(0, (await admin.Api.ListParkedEventsAsync(page: 1, pageSize: 10, includeTotal: true)).TotalCount);
            await Expect.ProblemAsync(403, "role_required", async () => await (await world.NewPersonAsync(UserRole.Manager)).Api.ListParkedEventsAsync());
        },
        ["ReplayEvent"] = async world =>
        {
            // Nothing is parked on a healthy system: the typed problem for an event that is not.
            await Expect.ProblemAsync(404, "not_found", async () => await (await world.AdminAsync()).Api.ReplayEventAsync(Guid.NewGuid()));
            await Expect.ProblemAsync(403, "role_required", async () => await (await world.NewPersonAsync(UserRole.Manager)).Api.ReplayEventAsync(Guid.NewGuid()));
        },
        ["CreateWebhook"] = async world =>
        {
            var admin = await world.AdminAsync();
            var created = await WebhookAsync(admin);
            Assert.Equal((Receiver.ToString(), true), (created.Url, created.Active));
            Assert.StartsWith("whsec_", created.Secret, StringComparison.Ordinal);
            var described = await admin.Api.CreateWebhookAsync(new CreateWebhookCommand { Url = Receiver.ToString(), EventTypes = [EventType.TaskTaken], Description = "Audit", Active = false });
            Assert.Equal(("Audit", false), (described.Description, described.Active));
            await Expect.ProblemAsync(400, "validation_failed", () => admin.Api.CreateWebhookAsync(new CreateWebhookCommand { Url = "not a url", EventTypes = [EventType.TaskCreated] }));
        },
        ["ListWebhooks"] = async world =>
        {
            var admin = await world.AdminAsync();
            var created = await WebhookAsync(admin);
            Assert.Contains(created.Id, (await admin.Api.ListWebhooksAsync()).Items.Select(listed => listed.Id));
            var page = await admin.Api.ListWebhooksAsync(page: 1, pageSize: 1, includeTotal: true);
            Assert.Single(page.Items);
            Assert.NotNull(page.TotalCount);
            await Expect.ProblemAsync(403, "role_required", async () => await (await world.NewPersonAsync(UserRole.Manager)).Api.ListWebhooksAsync());
        },
        ["GetWebhook"] = async world =>
        {
            var admin = await world.AdminAsync();
            var created = await WebhookAsync(admin);
            var read = await admin.Api.GetWebhookAsync(created.Id);
            Assert.Equal((created.Id, created.Url, created.Version), (read.Id, read.Url, read.Version));
            await Expect.ProblemAsync(404, "not_found", () => admin.Api.GetWebhookAsync(Guid.NewGuid()));
        },
        ["UpdateWebhook"] = async world =>
        {
            var admin = await world.AdminAsync();
            var created = await WebhookAsync(admin);
            var updated = await admin.Api.UpdateWebhookAsync(created.Id, new UpdateWebhookRequest { Description = "Renamed" });
            Assert.Equal("Renamed", updated.Description);
            Assert.False((await admin.Api.UpdateWebhookAsync(created.Id, new UpdateWebhookRequest { Active = false }, IfMatch(updated.Version))).Active);
            await Expect.ProblemAsync(412, "precondition_failed", () => admin.Api.UpdateWebhookAsync(created.Id, new UpdateWebhookRequest { Active = true }, IfMatch(created.Version)));
        },
        ["DeleteWebhook"] = async world =>
        {
            var admin = await world.AdminAsync();
            await admin.Api.DeleteWebhookAsync((await WebhookAsync(admin)).Id);
            var second = await WebhookAsync(admin);
            await admin.Api.DeleteWebhookAsync(second.Id, IfMatch(second.Version));
            await Expect.ProblemAsync(404, "not_found", () => admin.Api.GetWebhookAsync(second.Id));
        },
        ["RotateWebhookSecret"] = async world =>
        {
            var admin = await world.AdminAsync();
            var created = await WebhookAsync(admin);
            var rotated = await admin.Api.RotateWebhookSecretAsync(created.Id);
            Assert.NotEqual(created.Secret, rotated.Secret);
            Assert.NotNull(rotated.PreviousSecretExpiresAt);
            var again = await admin.Api.RotateWebhookSecretAsync(created.Id, IfMatch(rotated.Version), new RotateWebhookSecretRequest { KeepPrevious = false });
            Assert.Null(again.PreviousSecretExpiresAt);
            await Expect.ProblemAsync(412, "precondition_failed", () => admin.Api.RotateWebhookSecretAsync(created.Id, IfMatch(created.Version)));
        },
        ["ListWebhookDeliveries"] = async world =>
        {
            var admin = await world.AdminAsync();
            var created = await WebhookAsync(admin);
            Assert.NotNull((await admin.Api.ListWebhookDeliveriesAsync(created.Id)).Items);
            var page = await admin.Api.ListWebhookDeliveriesAsync(created.Id, WebhookDeliveryStatus.Pending, page: 1, pageSize: 5, includeTotal: true);
            Assert.NotNull(page.TotalCount);
            Assert.All(page.Items, delivery => Assert.Equal((WebhookDeliveryStatus.Pending, created.Id), (delivery.Status, delivery.WebhookId)));
            await Expect.ProblemAsync(404, "not_found", () => admin.Api.ListWebhookDeliveriesAsync(Guid.NewGuid()));
        },
    };

    private static Task<WebhookWithSecretDto> WebhookAsync(Person admin) =>
        admin.Api.CreateWebhookAsync(new CreateWebhookCommand { Url = Receiver.ToString(), EventTypes = [EventType.TaskCreated] });

    private static string IfMatch(long version) => $"\"{version}\"";
}
