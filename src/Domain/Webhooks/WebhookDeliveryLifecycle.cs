using Stateless;
using Stateless.Graph;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Webhooks;

/// <summary>
/// A webhook delivery's lifecycle, declared with Stateless like the task's (ADR 0026): pending until the receiver
/// answers 2xx (succeeded), or a failure that will not pass, or the last attempt, gives it up (failed); a failure that
/// may pass leaves it pending for the next attempt. A settled delivery takes no further attempt.
/// </summary>
/// <remarks>
/// As for tasks, one machine is configured per thread, its state is the delivery's (external storage) and its guard
/// reads the call in progress. Unlike the task's, its answers are not memoised: a delivery is fired once per HTTP
/// attempt, which costs far more than the firing.
/// </remarks>
public sealed class WebhookDeliveryLifecycle
{
    private const string MayTryAgain = "the failure may pass, and attempts remain";
    private const string GiveUp = "the failure will not pass, or it was the last attempt";

    [ThreadStatic]
    private static WebhookDeliveryLifecycle? _ofThisThread;

    private readonly StateMachine<WebhookDeliveryStatus, WebhookDeliveryTrigger> _machine;

    // The cursor: the call in progress on this thread.
    private WebhookDeliveryStatus _status;
    private bool _mayTryAgain;
    private WebhookDeliveryStatus _entered;

    private WebhookDeliveryLifecycle()
    {
        _machine = new StateMachine<WebhookDeliveryStatus, WebhookDeliveryTrigger>(() => _status, status => _entered = status, FiringMode.Immediate);
        _machine.Configure(WebhookDeliveryStatus.Pending)
            .Permit(WebhookDeliveryTrigger.Succeed, WebhookDeliveryStatus.Succeeded)
            .PermitReentryIf(WebhookDeliveryTrigger.Fail, () => _mayTryAgain, MayTryAgain)
            .PermitIf(WebhookDeliveryTrigger.Fail, WebhookDeliveryStatus.Failed, () => !_mayTryAgain, GiveUp);
        // Succeeded and failed are settled: no attempt leaves them.
        _machine.Configure(WebhookDeliveryStatus.Succeeded);
        _machine.Configure(WebhookDeliveryStatus.Failed);
        _machine.OnUnhandledTrigger((_, _) => throw new DomainException(WebhookErrors.DeliverySettled));
    }

    private static WebhookDeliveryLifecycle OfThisThread => _ofThisThread ??= new WebhookDeliveryLifecycle();

    /// <summary>The lifecycle as a Mermaid state diagram, from Stateless's graph export.</summary>
    public static string MermaidDiagram() => MermaidGraph.Format(OfThisThread._machine.GetInfo());

    /// <summary>
    /// The status a delivery in <paramref name="from"/> moves to on <paramref name="trigger"/>; for a failure,
    /// <paramref name="mayTryAgain"/> says whether it may pass and attempts remain.
    /// </summary>
    /// <exception cref="DomainException"><see cref="WebhookErrors.DeliverySettled"/> when the delivery is settled.</exception>
    internal static WebhookDeliveryStatus Fire(WebhookDeliveryStatus from, WebhookDeliveryTrigger trigger, bool mayTryAgain = false)
    {
        var lifecycle = OfThisThread;
        lifecycle._status = from;
        lifecycle._entered = from;
        lifecycle._mayTryAgain = mayTryAgain;
        lifecycle._machine.Fire(trigger);
        return lifecycle._entered;
    }
}
