using System.Text.Json;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Application.Webhooks;

/// <summary>
/// The outbox's "webhooks" consumer: each event becomes one pending delivery per active subscription that wants its
/// type, added to the dispatcher's unit of work (it commits them with the event's acknowledgement, ADR 0016). The sender
/// in the worker role POSTs them. An event that already has a delivery to a subscription gets no second one, even if
/// its consumption record is gone (the database's unique key says the same).
/// </summary>
public sealed class WebhookDeliveryRecorder(IWebhookSubscriptionRepository subscriptions, IWebhookDeliveryRepository deliveries, TimeProvider clock) : IEventConsumer
{
    public const string ConsumerName = "webhooks";

    public string Name => ConsumerName;

    public async Task ConsumeAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var active = await subscriptions.ListActiveAsync(cancellationToken);
        if (active.Count == 0 || events.Count == 0)
        {
            return;
        }

        var existing = await deliveries.ExistingAsync([.. events.Select(envelope => envelope.Id)], cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var envelope in events)
        {
            // The published shape, serialised as the outbox serialises it: the body every attempt sends and signs.
            var payload = JsonSerializer.Serialize(envelope, EventJson.Options);
            foreach (var subscription in active.Where(subscription => subscription.Wants(envelope.Type) && !existing.Contains((subscription.Id, envelope.Id))))
            {
                deliveries.Add(WebhookDelivery.Create(subscription.Id, envelope.Id, envelope.Type, payload, now));
            }
        }
    }
}
