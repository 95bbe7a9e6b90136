using System.Security.Cryptography;
using System.Text;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Webhooks;

/// <summary>
/// A receiver's check of a signature, written from docs/events.md alone (not with the production signer): the key
/// is the base64 after "whsec_"; the signed content is "{webhook-id}.{webhook-timestamp}.{body}"; the header holds
/// space-separated "v1,{base64 HMAC-SHA256}" signatures, one of which must match.
/// </summary>
internal static class StandardWebhooksVerifier
{
    public static bool Verifies(string secret, ReceivedWebhook webhook)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(webhook);
        var signedContent = webhook.Header("webhook-id") + "." + webhook.Header("webhook-timestamp") + "." + Encoding.UTF8.GetString(webhook.Body);
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret.Substring("whsec_".Length)));
        var expected = Encoding.ASCII.GetBytes("v1," + Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(signedContent))));
        return webhook.Header("webhook-signature").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(signature => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), expected));
    }
}
