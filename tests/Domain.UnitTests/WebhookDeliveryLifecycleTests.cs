using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>
/// The delivery's lifecycle as Stateless declares it: these transitions, with these guards, and no other (what each
/// transition does to a delivery is WebhookDeliveryTests').
/// </summary>
public sealed class WebhookDeliveryLifecycleTests
{
    [Fact]
    public void TheMachine_DeclaresPendingToSucceededOrFailed_AndATryAgainThatStaysPending()
    {
        var transitions = WebhookDeliveryLifecycle.MermaidDiagram().Split('\n').Select(line => line.Trim()).Where(line => line.Contains("-->", StringComparison.Ordinal));

        Assert.Equal(
            [
                "Pending --> Failed : Fail [the failure will not pass, or it was the last attempt]",
                "Pending --> Pending : Fail [the failure may pass, and attempts remain]",
                "Pending --> Succeeded : Succeed",
                "[*] --> Pending",
            ],
            transitions.Order(StringComparer.Ordinal));
    }
}
