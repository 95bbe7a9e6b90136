using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Infrastructure.Webhooks;

/// <summary>
/// The registration check: a URL whose host is an internal address, or a name that resolves to one, is refused. A
/// name that does not resolve now is let through: DNS can fail for a while, and <see cref="WebhookConnector"/> checks
/// the address of every connection anyway, which is the check DNS rebinding cannot get around.
/// </summary>
internal sealed class WebhookDestinationPolicy(IOptions<WebhookOptions> options) : IWebhookDestinationPolicy
{
    public async Task<string?> RefusalAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (options.Value.AllowPrivateNetworks)
        {
            return null;
        }

        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            var literal = IPAddress.Parse(url.DnsSafeHost);
            return InternalNetworks.RangeOf(literal) is { } range ? $"{literal} is a {range} address." : null;
        }

        foreach (var address in await ResolveAsync(url.IdnHost, cancellationToken))
        {
            if (InternalNetworks.RangeOf(address) is { } range)
            {
                return $"{url.IdnHost} resolves to {address}, a {range} address.";
            }
        }

        return null;
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Timeout);
        try
        {
            return await Dns.GetHostAddressesAsync(host, deadline.Token);
        }
        catch (SocketException)
        {
            return [];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }
}
