using System.Security.Cryptography;

namespace TaskOrchestration.Application.Users.Sessions;

/// <summary>
/// Refresh tokens are 256 random bits handed to the client once; the database keeps only their SHA-256, so a stolen
/// copy of the database holds no usable token. (A fast hash is right here: the secret is random, not a password.)
/// </summary>
public static class RefreshTokenSecret
{
    public static string Generate() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token ?? string.Empty)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
