using System.Security.Cryptography;

namespace TaskOrchestration.Domain.Webhooks;

/// <summary>
/// The key a subscription's deliveries are signed with, written as the Standard Webhooks convention writes it:
/// <c>whsec_</c> followed by the base64 of the key's bytes, which are what signs. New secrets have
/// <see cref="KeyLength"/> random bytes; the convention allows 24 to 64.
/// </summary>
public sealed record WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int KeyLength = 32;
    public const int MinKeyLength = 24;
    public const int MaxKeyLength = 64;

    private WebhookSecret(string value)
    {
        Value = value;
    }

    /// <summary>The secret as it is shown once to the admin and stored.</summary>
    public string Value { get; }

    /// <summary>A new secret from the operating system's cryptographic random source.</summary>
    public static WebhookSecret Generate() => new(Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyLength)));

    /// <summary>A stored secret; anything else than <c>whsec_</c> and the base64 of 24 to 64 bytes is refused.</summary>
    public static WebhookSecret From(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return KeyOf(value).Length is >= MinKeyLength and <= MaxKeyLength
            ? new WebhookSecret(value)
            : throw new ArgumentException("A webhook secret is whsec_ and the base64 of 24 to 64 bytes.", nameof(value));
    }

    /// <summary>The HMAC key: the bytes the part after the prefix encodes.</summary>
    public byte[] Key() => KeyOf(Value);

    public override string ToString() => $"{Prefix}…";

    private static byte[] KeyOf(string value)
    {
        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return [];
        }

        var buffer = new byte[MaxKeyLength + 3];
        return Convert.TryFromBase64String(value[Prefix.Length..], buffer, out var written) ? buffer[..written] : [];
    }
}
