using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Webhooks;
using TaskOrchestration.Infrastructure.Events;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Webhooks;

/// <summary>The outbox's "webhooks" consumer: which events become deliveries, and never twice.</summary>
public sealed class WebhookConsumerTests(DatabaseFixture fixture) : WebhookTest(fixture)
{
    private const string Url = "https://hooks.example.com/receiver";

    [Fact]
    public async Task AnEvent_BecomesOneDeliveryPerActiveSubscriptionThatWantsItsType()
    {
        var wantsCreated = await SubscribeAsync(Url, [EventType.TaskCreated]);
        var wantsCompleted = await SubscribeAsync(Url, [EventType.TaskCompleted, EventType.TaskFailed]);
        await SubscribeAsync(Url, [EventType.TaskCreated, EventType.TaskCompleted], active: false);
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator);
        var host = Host();

        await DispatchAsync(host);

        var created = Assert.Single(await DeliveriesAsync());
        var envelope = (await EnvelopesAsync()).Single();
        Assert.Equal((wantsCreated.Id, envelope.Id, EventType.TaskCreated, WebhookDeliveryStatus.Pending), (created.SubscriptionId, created.EventId, created.EventType, created.Status));
        Assert.Equal(JsonSerializer.Serialize(envelope, EventJson.Options), created.Payload);

        await ChangeAsync(task.Id, changed => changed.Take(creator, Now));
        await DispatchAsync(host);
        await ChangeAsync(task.Id, changed => changed.Complete(creator, "done", Now));
        await DispatchAsync(host);

        var deliveries = await DeliveriesAsync();
        Assert.Equal(2, deliveries.Count);
        var completed = Assert.Single(deliveries, delivery => delivery.SubscriptionId == wantsCompleted.Id);
        Assert.Equal(EventType.TaskCompleted, completed.EventType);
    }

    [Fact]
    public async Task AnEventRedeliveredByTheOutbox_CreatesNoSecondDelivery()
    {
        await SubscribeAsync(Url, [EventType.TaskCreated]);
        await AddTaskAsync(await AddUserAsync());
        var dying = Host();
        var claimed = await dying.GetRequiredService<OutboxStore>().ClaimAsync(10, CancellationToken.None);
        Assert.Empty(await dying.GetRequiredService<OutboxDispatcher>().DeliverAsync(claimed, CancellationToken.None));

        // That dispatcher died before acknowledging: after its lease another delivers the event again.
        Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await DispatchAsync(Host()));

        Assert.Single(await DeliveriesAsync());
    }

    [Fact]
    public async Task AnEventGivenToTheConsumerAgain_WithoutItsConsumptionRecord_CreatesNoSecondDelivery()
    {
        var subscription = await SubscribeAsync(Url, [EventType.TaskCreated]);
        await AddTaskAsync(await AddUserAsync());
        var host = Host();
        await DispatchAsync(host);
        // As after the consumption records were pruned and the event was replayed.
        await ExecuteAsync("DELETE FROM consumed_events");
        var envelope = (await EnvelopesAsync()).Single();

        await using (var scope = host.CreateAsyncScope())
        {
            var consumer = scope.ServiceProvider.GetServices<IEventConsumer>().Single(candidate => candidate.Name == "webhooks");
            await consumer.ConsumeAsync([envelope], CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        Assert.Equal(subscription.Id, Assert.Single(await DeliveriesAsync()).SubscriptionId);
    }

    [Fact]
    public async Task TheDatabase_RefusesASecondDeliveryOfOneEventToOneSubscription()
    {
        var subscription = await SubscribeAsync(Url, [EventType.TaskCreated]);
        var eventId = Guid.NewGuid();
        await using var db = Database.CreateDbContext();
        db.WebhookDeliveries.Add(WebhookDelivery.Create(subscription.Id, eventId, EventType.TaskCreated, "{}", Now));
        await db.SaveChangesAsync();

        db.WebhookDeliveries.Add(WebhookDelivery.Create(subscription.Id, eventId, EventType.TaskCreated, "{}", Now));

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains("ix_webhook_deliveries_event_id_subscription_id", refused.InnerException?.Message, StringComparison.Ordinal);
    }

    private async Task<List<EventEnvelope>> EnvelopesAsync() =>
        [.. (await ColumnAsync<string>("SELECT payload::text FROM outbox_messages ORDER BY sequence"))
            .Select(payload => JsonSerializer.Deserialize<EventEnvelope>(payload, EventJson.Options)!)];
}
