using System.Net;
using System.Net.Sockets;

namespace TaskOrchestration.Infrastructure.Webhooks;

/// <summary>
/// The addresses webhooks may not reach unless <see cref="WebhookOptions.AllowPrivateNetworks"/> is set: every range
/// that leads into the machine or the network it stands in rather than to the internet (docs/events.md lists them).
/// An IPv6 address that carries an IPv4 one (mapped, compatible, NAT64, 6to4) is judged by the IPv4 address.
/// </summary>
internal static class InternalNetworks
{
    /// <summary>The internal range <paramref name="address"/> belongs to, named for a person; null for a public address.</summary>
    public static string? RangeOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? RangeOfV6(address) : RangeOfV4(address.GetAddressBytes());
    }

    private static string? RangeOfV4(byte[] b) => b switch
    {
        [0, ..] => "\"this network\" (0.0.0.0/8, the unspecified address included)",
        [10, ..] => "private (10.0.0.0/8, RFC 1918)",
        [100, var second, ..] when (second & 0xC0) == 64 => "shared carrier-grade NAT (100.64.0.0/10)",
        [127, ..] => "loopback (127.0.0.0/8)",
        [169, 254, ..] => "link-local (169.254.0.0/16, cloud metadata services included)",
        [172, var second, ..] when (second & 0xF0) == 16 => "private (172.16.0.0/12, RFC 1918)",
        [192, 0, 0, _] => "IETF protocol assignments (192.0.0.0/24)",
        [192, 168, ..] => "private (192.168.0.0/16, RFC 1918)",
        [198, var second, ..] when (second & 0xFE) == 18 => "benchmarking (198.18.0.0/15)",
        [>= 224 and <= 239, ..] => "multicast (224.0.0.0/4)",
        [>= 240, ..] => "reserved or broadcast (240.0.0.0/4)",
        _ => null,
    };

    private static string? RangeOfV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6)
        {
            return Embedded("IPv4-mapped", b[12..]);
        }

        if (address.Equals(IPAddress.IPv6None))
        {
            return "unspecified (::)";
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "loopback (::1)";
        }

        return b switch
        {
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ..] => Embedded("IPv4-compatible", b[12..]),
            [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0, ..] => Embedded("NAT64", b[12..]),
            [0x20, 0x02, ..] => Embedded("6to4", b[2..6]),
            [0xFF, ..] => "multicast (ff00::/8)",
            [var first, ..] when (first & 0xFE) == 0xFC => "unique local (fc00::/7)",
            [0xFE, var second, ..] when (second & 0xC0) == 0x80 => "link-local (fe80::/10)",
            [0xFE, var second, ..] when (second & 0xC0) == 0xC0 => "site-local (fec0::/10)",
            _ => null,
        };
    }

    private static string? Embedded(string form, byte[] ipv4) => RangeOfV4(ipv4) is { } range ? $"{range}, in {form} form" : null;
}
