using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace TaskOrchestration.Infrastructure.Identity;

/// <summary>Finds the token signing key: from configuration, or (Development only) a generated key file.</summary>
public static class SigningKeySource
{
    private const int MinimumKeyBytes = 32;

    public static SymmetricSecurityKey Resolve(JwtOptions options, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var encoded = options.SigningKey;
        if (string.IsNullOrWhiteSpace(encoded))
        {
            encoded = isDevelopment
                ? LoadOrCreateDevelopmentKey(options.DevelopmentKeyPath ?? DefaultDevelopmentKeyPath())
                : throw new InvalidOperationException("Jwt:SigningKey is not configured. Set it (base64, at least 32 bytes), for example through the Jwt__SigningKey environment variable.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(encoded);
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException("Jwt:SigningKey must be base64.", exception);
        }

        return key.Length >= MinimumKeyBytes
            ? new SymmetricSecurityKey(key)
            : throw new InvalidOperationException($"Jwt:SigningKey must hold at least {MinimumKeyBytes} bytes.");
    }

    private static string DefaultDevelopmentKeyPath() => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "TaskOrchestration",
        "jwt-signing-key");

    private static string LoadOrCreateDevelopmentKey(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return key;
    }
}
