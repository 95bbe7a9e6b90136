using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Domain.Webhooks;
using TaskOrchestration.Infrastructure.Hosting;
using TaskOrchestration.Infrastructure.Http;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Webhooks;

/// <summary>
/// Sends webhook deliveries (worker role; any number of instances): claims the due ones, POSTs each one's envelope
/// signed with its subscription's secret, and records the outcome on the delivery: succeeded on 2xx, retried with
/// backoff after a failure that may pass (network error, timeout, 408, 429, 5xx) until
/// <see cref="WebhookOptions.MaxAttempts"/>, failed for good otherwise. At least once: a sender that dies after the
/// POST and before recording it leaves the delivery to be sent again, with the same <c>webhook-id</c>.
/// </summary>
internal sealed partial class WebhookSender(
    WebhookDeliveryStore store,
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    QueueWake wake,
    ILogger<WebhookSender> logger) : BatchPollingService(clock, wake, WokenQueues.Webhooks)
{
    public const string HttpClientName = "webhooks";

    private readonly WebhookOptions _options = options.Value;

    protected override bool Enabled => _options.Send;

    protected override int BatchSize => _options.BatchSize;

    protected override TimeSpan PollInterval => _options.PollInterval;

    protected override Task<int> RunRoundAsync(CancellationToken cancellationToken) => SendOnceAsync(cancellationToken);

    protected override void LogRoundFailed(Exception exception) => LogSendFailed(logger, exception);

    protected override Task<int> ReleaseHeldAsync(CancellationToken cancellationToken) => store.ReleaseHeldAsync(cancellationToken);

    /// <summary>One round: claim a batch, send its deliveries side by side, record each outcome. Answers how many it claimed.</summary>
    public async Task<int> SendOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimAsync(_options.BatchSize, cancellationToken);
        if (claimed.Count > 0)
        {
            await Parallel.ForEachAsync(
                claimed,
                new ParallelOptions { MaxDegreeOfParallelism = claimed.Count, CancellationToken = cancellationToken },
                async (delivery, token) => await SendAsync(delivery, token));
        }

        return claimed.Count;
    }

    private async Task SendAsync(ClaimedDelivery claimed, CancellationToken cancellationToken)
    {
        var deliveryId = claimed.Id;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(candidate => candidate.Id == deliveryId && candidate.Status == WebhookDeliveryStatus.Pending, cancellationToken);
            var subscription = delivery is null ? null : await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(candidate => candidate.Id == delivery.SubscriptionId, cancellationToken);
            if (delivery is null || subscription is null)
            {
                return;
            }

            if (subscription.IsActive && claimed.Lost)
            {
                // Its sender stopped (or lost the database) while it held it: that attempt counts as failed. (Paused
                // since, it waits for its subscription as every pending delivery does.)
                RecordFailure(subscription, delivery, statusCode: null, RetryRule.LeaseLostReason, mayPass: true, Clock.GetUtcNow());
            }
            else if (subscription.IsActive)
            {
                await AttemptAsync(subscription, delivery, cancellationToken);
            }

            WebhookDeliveryStore.Release(db, delivery);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The lease ran out and another sender claimed the delivery (or its subscription was deleted): its record wins.
            LogOutcomeLost(logger, deliveryId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The delivery stays held: the next claim takes it back as a lost attempt. The other deliveries of the batch go on.
            LogDeliveryCrashed(logger, exception, deliveryId);
        }
    }

    private async Task AttemptAsync(WebhookSubscription subscription, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var now = Clock.GetUtcNow();
        var id = delivery.EventId.ToString("D");
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(id, timestamp, body, subscription.SigningSecrets(now)));

        var result = await OutboundPost.SendAsync(httpClients.CreateClient(HttpClientName), request, _options.Timeout, cancellationToken);
        var answeredAt = Clock.GetUtcNow();
        if (result.Outcome == OutboundPostOutcome.Delivered)
        {
            delivery.RecordSuccess(result.StatusCode!.Value, answeredAt);
            LogSent(logger, delivery.Id, delivery.EventId, subscription.Id, result.StatusCode.Value);
            return;
        }

        RecordFailure(subscription, delivery, result.StatusCode, result.Message, result.Outcome == OutboundPostOutcome.MayPass, answeredAt);
    }

    private void RecordFailure(WebhookSubscription subscription, WebhookDelivery delivery, int? statusCode, string error, bool mayPass, DateTimeOffset now)
    {
        var retry = _options.Retry;
        delivery.RecordFailure(statusCode, error, mayPass, retry.MaxAttempts, retry.Backoff.DelayAfter(delivery.Attempts + 1, Random.Shared), now);
        if (delivery.Status == WebhookDeliveryStatus.Failed)
        {
            LogGivenUp(logger, delivery.Id, delivery.EventId, subscription.Id, delivery.Attempts, error);
        }
        else
        {
            LogAttemptFailed(logger, delivery.Id, delivery.EventId, subscription.Id, delivery.Attempts, error);
        }
    }

    [LoggerMessage(EventId = WebhookLogEvents.SendFailed, Level = LogLevel.Warning, Message = "Sending webhooks failed; trying again shortly.")]
    private static partial void LogSendFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = WebhookLogEvents.AttemptFailed, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} (event {EventId}) to {WebhookId} failed attempt {Attempts}: {Error}; it is retried later.")]
    private static partial void LogAttemptFailed(ILogger logger, Guid deliveryId, Guid eventId, Guid webhookId, int attempts, string error);

    [LoggerMessage(EventId = WebhookLogEvents.DeliveryGivenUp, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} (event {EventId}) to {WebhookId} failed for good after {Attempts} attempts: {Error}")]
    private static partial void LogGivenUp(ILogger logger, Guid deliveryId, Guid eventId, Guid webhookId, int attempts, string error);

    [LoggerMessage(EventId = WebhookLogEvents.OutcomeLost, Level = LogLevel.Warning, Message = "The outcome of webhook delivery {DeliveryId} was not recorded: its lease had passed to another sender, or its webhook was deleted.")]
    private static partial void LogOutcomeLost(ILogger logger, Guid deliveryId);

    [LoggerMessage(EventId = WebhookLogEvents.Sent, Level = LogLevel.Debug, Message = "Webhook delivery {DeliveryId} (event {EventId}) to {WebhookId} answered {StatusCode}.")]
    private static partial void LogSent(ILogger logger, Guid deliveryId, Guid eventId, Guid webhookId, int statusCode);

    [LoggerMessage(EventId = WebhookLogEvents.DeliveryCrashed, Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} could not be attempted; the next claim counts it as a lost attempt and retries it later.")]
    private static partial void LogDeliveryCrashed(ILogger logger, Exception exception, Guid deliveryId);
}
