using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Domain.UnitTests;

public sealed class WebhookDeliveryTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(30);

    [Fact]
    public void ANewDelivery_IsPending_AndDueAtOnce()
    {
        var delivery = NewDelivery();

        Assert.Equal((WebhookDeliveryStatus.Pending, 0, (DateTimeOffset?)Clock.Now), (delivery.Status, delivery.Attempts, delivery.NextAttemptAt));
    }

    [Fact]
    public void ADailySummary_NeverBecomesADelivery() =>
        Assert.Equal("invalid_event_types", Assert.Throws<DomainException>(() => WebhookDelivery.Create(Guid.NewGuid(), Guid.NewGuid(), EventType.DailySummary, "{}", Clock.Now)).Error.Code);

    [Fact]
    public void ASuccess_SettlesIt()
    {
        var delivery = NewDelivery();
        delivery.RecordFailure(503, "HTTP 503", mayPass: true, maxAttempts: 5, Delay, Clock.Now);

        delivery.RecordSuccess(200, Clock.Later);

        Assert.Equal((WebhookDeliveryStatus.Succeeded, 2, 200, (string?)null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode, delivery.LastError));
        Assert.Equal((Clock.Later, Clock.Later, (DateTimeOffset?)null), (delivery.DeliveredAt, delivery.LastAttemptAt, delivery.NextAttemptAt));
    }

    [Fact]
    public void AFailureThatMayPass_IsRetriedAfterTheDelay_UntilTheLastAttempt()
    {
        var delivery = NewDelivery();

        delivery.RecordFailure(null, "timeout", mayPass: true, maxAttempts: 2, Delay, Clock.Now);
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, (DateTimeOffset?)(Clock.Now + Delay), "timeout"), (delivery.Status, delivery.Attempts, delivery.NextAttemptAt, delivery.LastError));

        delivery.RecordFailure(503, "HTTP 503", mayPass: true, maxAttempts: 2, Delay, Clock.Later);
        Assert.Equal((WebhookDeliveryStatus.Failed, 2, (DateTimeOffset?)null, (int?)503), (delivery.Status, delivery.Attempts, delivery.NextAttemptAt, delivery.LastStatusCode));
    }

    [Fact]
    public void AFailureThatCannotPass_EndsItAtOnce()
    {
        var delivery = NewDelivery();

        delivery.RecordFailure(400, "HTTP 400", mayPass: false, maxAttempts: 10, Delay, Clock.Now);

        Assert.Equal((WebhookDeliveryStatus.Failed, 1, (DateTimeOffset?)null), (delivery.Status, delivery.Attempts, delivery.NextAttemptAt));
    }

    [Fact]
    public void ASettledDelivery_RecordsNoMoreAttempts()
    {
        var delivery = NewDelivery();
        delivery.RecordSuccess(204, Clock.Now);

        Assert.Equal("webhook_delivery_settled", Assert.Throws<DomainException>(() => delivery.RecordSuccess(200, Clock.Later)).Error.Code);
        Assert.Equal("webhook_delivery_settled", Assert.Throws<DomainException>(() => delivery.RecordFailure(500, "x", true, 5, Delay, Clock.Later)).Error.Code);
        Assert.Equal(1, delivery.Attempts);
    }

    [Fact]
    public void ALongError_IsCut()
    {
        var delivery = NewDelivery();

        delivery.RecordFailure(null, new string('e', 5_000), mayPass: true, maxAttempts: 5, Delay, Clock.Now);

        Assert.Equal(WebhookDelivery.ErrorMaxLength, delivery.LastError!.Length);
    }

    private static WebhookDelivery NewDelivery() => WebhookDelivery.Create(Guid.NewGuid(), Guid.NewGuid(), EventType.TaskCreated, """{"id":"x"}""", Clock.Now);
}
