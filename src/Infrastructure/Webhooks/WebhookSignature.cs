using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TaskOrchestration.Domain.Webhooks;

namespace TaskOrchestration.Infrastructure.Webhooks;

/// <summary>
/// Signs a delivery as the Standard Webhooks convention does (docs/events.md, "Webhooks"): for each secret,
/// <c>v1,</c> and the base64 of HMAC-SHA256, keyed with the secret's decoded bytes, over
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c> in UTF-8; several signatures are separated by spaces.
/// </summary>
internal static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The <c>webhook-signature</c> header's value.</summary>
    public static string Sign(string id, long timestamp, ReadOnlySpan<byte> body, IEnumerable<WebhookSecret> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(secret.Key(), signed))));
    }
}
