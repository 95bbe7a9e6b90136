namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>
/// Which URLs may receive webhooks, as far as the network is concerned: not those whose host is, or resolves to, an
/// address of an internal network (loopback, private, link-local, …) unless the deployment allows them. Checked when
/// a URL is registered; the sender checks the address it actually connects to as well.
/// </summary>
public interface IWebhookDestinationPolicy
{
    /// <summary>Why <paramref name="url"/> may not receive webhooks, in one sentence; null when it may.</summary>
    Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken);
}
