using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Webhooks;

/// <summary>
/// The check at connection time. The subscriptions here are written straight to the database, as if their host had
/// resolved to a public address at registration and to loopback now (DNS rebinding): registration cannot catch that,
/// so the sender must refuse to connect.
/// </summary>
public sealed class WebhookConnectionGuardTests(DatabaseFixture fixture) : WebhookTest(fixture)
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    [InlineData("[::ffff:127.0.0.1]")]
    public async Task WithPrivateNetworksRefused_TheSenderDoesNotConnectToAnInternalAddress_AndFailsTheDeliveryForGood(string host)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url(host), [EventType.TaskCreated]);
        await AddTaskAsync(await AddUserAsync());
        var sender = Host(("Webhooks:AllowPrivateNetworks", "false"));
        await DispatchAsync(sender);

        await SendAsync(sender);

        Assert.Empty(receiver.Received);
        var delivery = await OnlyDeliveryAsync();
        Assert.Equal((WebhookDeliveryStatus.Failed, 1, (int?)null), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.StartsWith("Refused to connect to ", delivery.LastError, StringComparison.Ordinal);
        Assert.Contains("loopback", delivery.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithPrivateNetworksAllowed_TheSameNameIsDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url("localhost"), [EventType.TaskCreated]);
        await AddTaskAsync(await AddUserAsync());
        var sender = Host(("Webhooks:AllowPrivateNetworks", "true"));
        await DispatchAsync(sender);

        await SendAsync(sender);

        Assert.Single(receiver.Received);
        Assert.Equal(WebhookDeliveryStatus.Succeeded, (await OnlyDeliveryAsync()).Status);
    }
}
