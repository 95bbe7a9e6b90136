using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Options;
using TaskOrchestration.Infrastructure.Http;

namespace TaskOrchestration.Infrastructure.Webhooks;

/// <summary>
/// How the webhook sender opens connections (<see cref="SocketsHttpHandler.ConnectCallback"/>): it resolves the host
/// itself and connects only to addresses outside <see cref="InternalNetworks"/>, then checks the address the socket
/// is actually connected to. A name that resolved to a public address when it was registered and to an internal one
/// now (DNS rebinding) is refused here, at every connection.
/// </summary>
internal sealed class WebhookConnector(IOptions<WebhookOptions> options)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var allowInternal = options.Value.AllowPrivateNetworks;
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        IPAddress[] addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);

        string? refusal = null;
        ExceptionDispatchInfo? lastFailure = null;
        foreach (var address in addresses)
        {
            if (!allowInternal && InternalNetworks.RangeOf(address) is { } range)
            {
                refusal ??= Refusal(host, address, range);
                continue;
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                if (!allowInternal && socket.RemoteEndPoint is IPEndPoint connected && InternalNetworks.RangeOf(connected.Address) is { } connectedRange)
                {
                    throw new DestinationRefusedException(Refusal(host, connected.Address, connectedRange));
                }

                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException exception)
            {
                socket.Dispose();
                lastFailure = ExceptionDispatchInfo.Capture(exception);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        // A public address that did not answer may answer later; an internal one never becomes allowed.
        lastFailure?.Throw();
        throw new DestinationRefusedException(refusal ?? $"{host} resolves to no address.");
    }

    private static string Refusal(string host, IPAddress address, string range) =>
        host == address.ToString()
            ? $"Refused to connect to {address}, a {range} address (Webhooks:AllowPrivateNetworks is off)."
            : $"Refused to connect to {host} at {address}, a {range} address (Webhooks:AllowPrivateNetworks is off).";
}
