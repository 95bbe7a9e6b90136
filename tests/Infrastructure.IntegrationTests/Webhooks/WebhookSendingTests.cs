using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Webhooks;
using TaskOrchestration.Infrastructure.Webhooks;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Webhooks;

/// <summary>From an event to a signed POST received by a real HTTP server, and what each kind of answer leads to.</summary>
public sealed class WebhookSendingTests(DatabaseFixture fixture) : WebhookTest(fixture)
{
    [Fact]
    public async Task AnEvent_IsPostedAsItsEnvelope_WithTheStandardWebhooksHeaders_AndASignatureTheReceiverVerifies()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(receiver.Url(), [EventType.TaskCreated]);
        var task = await AddTaskAsync(await AddUserAsync());
        var host = Host();

        Assert.Equal(1, await DispatchAsync(host));
        Assert.Equal(1, await SendAsync(host));

        var received = Assert.Single(receiver.Received);
        var eventId = (await ColumnAsync<Guid>("SELECT id FROM outbox_messages WHERE task_id = @id", ("id", task.Id))).Single();
        Assert.Equal(("/hooks", "application/json"), (received.Path, received.ContentType));
        Assert.Equal(eventId.ToString("D"), received.Header("webhook-id"));
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), received.Header("webhook-timestamp"));
        // The body is the envelope the outbox stored: equal as JSON to its jsonb row, and the delivery's text byte for byte.
        var body = Encoding.UTF8.GetString(received.Body);
        Assert.Equal([true], await ColumnAsync<bool>("SELECT payload = @body::jsonb FROM outbox_messages WHERE id = @id", ("body", body), ("id", eventId)));
        Assert.Equal((await OnlyDeliveryAsync()).Payload, body);
        Assert.True(StandardWebhooksVerifier.Verifies(subscription.Secret, received), "The signature does not verify with the webhook's secret.");
        Assert.False(StandardWebhooksVerifier.Verifies(WebhookSecret.Generate().Value, received), "The signature verifies with any secret: the check proves nothing.");

        var delivery = await OnlyDeliveryAsync();
        Assert.Equal((WebhookDeliveryStatus.Succeeded, 1, (int?)200, (DateTimeOffset?)Now, (string?)null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode, delivery.DeliveredAt, delivery.LastError));
        Assert.Equal(0, await SendAsync(host));
    }

    [Fact]
    public async Task ASenderThatDiesHoldingADelivery_LosesItToAnother_AfterItsWorkersLease_AsAFailedAttempt_RetriedWithTheSameId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url(), [EventType.TaskCreated]);
        await AddTaskAsync(await AddUserAsync());
        var dying = Host();
        await DispatchAsync(dying);
        Assert.Single(await dying.GetRequiredService<WebhookDeliveryStore>().ClaimAsync(10, CancellationToken.None));
        // It dies here, holding the delivery. Within its worker's lease (Worker:LeaseDuration, 30 s) nobody takes it.
        var survivor = Host();
        Assert.Equal(0, await SendAsync(survivor));

        // After it, the next claim takes the delivery back as a lost attempt, retried after its backoff (15 to 30 s).
        Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await SendAsync(survivor));
        Assert.Empty(receiver.Received);
        var lost = await OnlyDeliveryAsync();
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, (int?)null, RetryRule.LeaseLostReason), (lost.Status, lost.Attempts, lost.LastStatusCode, lost.LastError));
        Assert.InRange(lost.NextAttemptAt!.Value, Clock.GetUtcNow().AddSeconds(15), Clock.GetUtcNow().AddSeconds(30));

        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await SendAsync(survivor));
        Assert.Equal(lost.EventId.ToString("D"), Assert.Single(receiver.Received).Header("webhook-id"));
        Assert.Equal((WebhookDeliveryStatus.Succeeded, 2), ((await OnlyDeliveryAsync()).Status, (await OnlyDeliveryAsync()).Attempts));
    }

    [Fact]
    public async Task A500ThenA200_IsRetriedAfterTheBackoff_AndSucceedsOnTheSecondAttempt_WithTheSameId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(receiver.Url(), [EventType.TaskCreated]);
        await AddTaskAsync(await AddUserAsync());
        var host = Host();
        await DispatchAsync(host);
        receiver.ThenAnswer(HttpStatusCode.InternalServerError);

        await SendAsync(host);

        var failed = await OnlyDeliveryAsync();
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, (int?)500), (failed.Status, failed.Attempts, failed.LastStatusCode));
        Assert.Contains("HTTP 500", failed.LastError, StringComparison.Ordinal);
        // The default backoff: 30 s nominal after the first attempt, with equal jitter (15–30 s).
        Assert.InRange(failed.NextAttemptAt!.Value, Now.AddSeconds(15), Now.AddSeconds(30));
        Assert.Equal(0, await SendAsync(host));

        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, await SendAsync(host));

        var delivery = await OnlyDeliveryAsync();
        Assert.Equal((WebhookDeliveryStatus.Succeeded, 2, (int?)200, (string?)null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode, delivery.LastError));
        Assert.Equal(2, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(webhook => webhook.Header("webhook-id")).Distinct());
        Assert.All(receiver.Received, webhook => Assert.True(StandardWebhooksVerifier.Verifies(subscription.Secret, webhook)));
        Assert.Equal(Now.AddSeconds(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), receiver.Received[1].Header("webhook-timestamp"));
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Gone)]
    public async Task A4xx_FailsForGood_AfterOneAttempt(HttpStatusCode status)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url(), [EventType.TaskCreated]);
        await AddTaskAsync(await AddUserAsync());
        var host = Host();
        await DispatchAsync(host);
        receiver.ThenAnswer(status);

        await SendAsync(host);
        Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await SendAsync(host));

        var delivery = await OnlyDeliveryAsync();
        Assert.Equal((WebhookDeliveryStatus.Failed, 1, (int?)status, (DateTimeOffset?)null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode, delivery.NextAttemptAt));
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task ARedirect_IsNotFollowed_AndFailsForGood()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url(), [EventType.TaskCreated]);
        await AddTaskAsync(await AddUserAsync());
        var host = Host();
        await DispatchAsync(host);
        receiver.ThenRedirect();

        await SendAsync(host);

        var delivery = await OnlyDeliveryAsync();
        Assert.Equal((WebhookDeliveryStatus.Failed, (int?)302), (delivery.Status, delivery.LastStatusCode));
        Assert.Equal(["/hooks"], receiver.Received.Select(webhook => webhook.Path));
    }

    [Fact]
    public async Task ATimeout_IsRetried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url(), [EventType.TaskCreated]);
        await AddTaskAsync(await AddUserAsync());
        var host = Host(("Webhooks:Timeout", "00:00:02"));
        await DispatchAsync(host);
        receiver.ThenHang();

        await SendAsync(host);

        var timedOut = await OnlyDeliveryAsync();
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, (int?)null), (timedOut.Status, timedOut.Attempts, timedOut.LastStatusCode));
        Assert.StartsWith("No answer from 127.0.0.1 within 2 s", timedOut.LastError, StringComparison.Ordinal);

        Clock.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(host);
        Assert.Equal((WebhookDeliveryStatus.Succeeded, 2), ((await OnlyDeliveryAsync()).Status, (await OnlyDeliveryAsync()).Attempts));
    }

    [Fact]
    public async Task FailuresThatMayPass_AreGivenUp_AfterMaxAttempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url(), [EventType.TaskCreated]);
        await AddTaskAsync(await AddUserAsync());
        var host = Host(("Webhooks:MaxAttempts", "3"));
        await DispatchAsync(host);

        foreach (var status in new[] { HttpStatusCode.ServiceUnavailable, HttpStatusCode.TooManyRequests, HttpStatusCode.RequestTimeout })
        {
            receiver.ThenAnswer(status);
            Assert.Equal(1, await SendAsync(host));
            Clock.Advance(TimeSpan.FromHours(3));
        }

        Assert.Equal(0, await SendAsync(host));
        var delivery = await OnlyDeliveryAsync();
        Assert.Equal((WebhookDeliveryStatus.Failed, 3, (int?)408), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task TwoSenders_NeverSendOneDeliveryTwice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url(), [EventType.TaskCreated]);
        var creator = await AddUserAsync();
        for (var i = 0; i < 30; i++)
        {
            await AddTaskAsync(creator);
        }

        Assert.Equal(30, await DispatchAsync());
        // Slow answers keep each sender's batch in flight while the other claims.
        receiver.AnswerDelay = TimeSpan.FromMilliseconds(50);
        var senders = new[] { Host(("Webhooks:BatchSize", "7")), Host(("Webhooks:BatchSize", "7")) };

        await Task.WhenAll(senders.Select(async sender =>
        {
            while (await SendAsync(sender) > 0)
            {
            }
        }));

        var ids = receiver.Received.Select(webhook => webhook.Header("webhook-id")).ToList();
        Assert.Equal(30, ids.Count);
        Assert.Equal(30, ids.Distinct().Count());
        Assert.All(await DeliveriesAsync(), delivery => Assert.Equal((WebhookDeliveryStatus.Succeeded, 1), (delivery.Status, delivery.Attempts)));
    }

    [Fact]
    public async Task AfterARotationThatKeepsThePreviousSecret_EachDeliveryCarriesASignatureForBoth()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var previous = string.Empty;
        var subscription = await SubscribeAsync(receiver.Url(), [EventType.TaskCreated], change: created =>
        {
            previous = created.Secret;
            created.RotateSecret(WebhookSecret.Generate(), keepPrevious: true, Now);
        });
        await AddTaskAsync(await AddUserAsync());
        var host = Host();
        await DispatchAsync(host);

        await SendAsync(host);

        var received = Assert.Single(receiver.Received);
        Assert.Equal(2, received.Header("webhook-signature").Split(' ').Length);
        Assert.True(StandardWebhooksVerifier.Verifies(subscription.Secret, received));
        Assert.True(StandardWebhooksVerifier.Verifies(previous, received));
    }

    [Fact]
    public async Task APausedWebhook_GetsNoNewDeliveries_AndItsPendingOnesWaitUntilItIsActiveAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var subscription = await SubscribeAsync(receiver.Url(), [EventType.TaskCreated]);
        var creator = await AddUserAsync();
        await AddTaskAsync(creator);
        var host = Host();
        await DispatchAsync(host);
        await SetActiveAsync(subscription.Id, false);
        await AddTaskAsync(creator);
        await DispatchAsync(host);

        Assert.Equal(0, await SendAsync(host));
        Assert.Single(await DeliveriesAsync());

        await SetActiveAsync(subscription.Id, true);
        Assert.Equal(1, await SendAsync(host));
        Assert.Single(receiver.Received);
    }

    private async Task SetActiveAsync(Guid subscriptionId, bool active) =>
        await ExecuteAsync("UPDATE webhook_subscriptions SET is_active = @active WHERE id = @id", ("active", active), ("id", subscriptionId));
}
