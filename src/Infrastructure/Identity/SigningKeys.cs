using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace TaskOrchestration.Infrastructure.Identity;

/// <summary>
/// The RSA keys of this service: the active one signs new tokens, and every one of them (the active one and those
/// it replaced) still validates, so tokens signed before a rotation live out their lifetime. Only the public halves
/// leave the process, through the JWKS document.
/// </summary>
public sealed class SigningKeys
{
    public const string Algorithm = SecurityAlgorithms.RsaSha256;
    private const int DevelopmentKeySize = 2048;

    private SigningKeys(IReadOnlyList<RsaSecurityKey> all, RsaSecurityKey active)
    {
        All = all;
        Active = active;
    }

    /// <summary>Signs new tokens.</summary>
    public RsaSecurityKey Active { get; }

    /// <summary>Validate tokens: the active key and the ones it replaced.</summary>
    public IReadOnlyList<RsaSecurityKey> All { get; }

    /// <summary>The public keys, as a JSON Web Key Set publishes them.</summary>
    public IReadOnlyList<JsonWebKey> PublicJsonWebKeys =>
        [.. All.Select(key =>
        {
            var publicKey = new RsaSecurityKey(key.Rsa.ExportParameters(includePrivateParameters: false)) { KeyId = key.KeyId };
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(publicKey);
            jwk.Use = JsonWebKeyUseNames.Sig;
            jwk.Alg = Algorithm;
            return jwk;
        })];

    /// <summary>
    /// Loads the keys from configuration (<see cref="JwtOptions.Keys"/>) and from PEM files in
    /// <see cref="JwtOptions.KeysPath"/>. In Development, when there are none, one is generated into the keys folder
    /// (outside the repository). Elsewhere, no key is an error: the service refuses to start.
    /// </summary>
    public static SigningKeys Load(JwtOptions options, bool isDevelopment)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pems = options.Keys
            .Where(key => !string.IsNullOrWhiteSpace(key.PrivateKeyPem))
            .Select(key => (Id: key.Id, Pem: key.PrivateKeyPem!))
            .ToList();

        var folder = options.KeysPath ?? (isDevelopment ? DefaultDevelopmentKeysPath() : null);
        if (folder is not null)
        {
            if (pems.Count == 0 && isDevelopment && !HasKeyFiles(folder))
            {
                CreateKeyFile(folder, DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));
            }

            if (Directory.Exists(folder))
            {
                pems.AddRange(Directory.GetFiles(folder, "*.pem").Select(path => (Id: Path.GetFileNameWithoutExtension(path), Pem: File.ReadAllText(path))));
            }
        }

        if (pems.Count == 0)
        {
            throw new InvalidOperationException(
                "No token signing key is configured. Mount RSA private keys as PEM files in Jwt:KeysPath, or set Jwt:Keys:0:Id and Jwt:Keys:0:PrivateKeyPem.");
        }

        var keys = pems.Select(pem => ToSecurityKey(pem.Id, pem.Pem)).OrderBy(key => key.KeyId, StringComparer.Ordinal).ToList();
        if (keys.Select(key => key.KeyId).Distinct(StringComparer.Ordinal).Count() != keys.Count)
        {
            throw new InvalidOperationException("Two signing keys share a key id.");
        }

        var activeId = options.ActiveKeyId ?? keys[^1].KeyId;
        var active = keys.SingleOrDefault(key => key.KeyId == activeId)
            ?? throw new InvalidOperationException($"Jwt:ActiveKeyId '{activeId}' names no configured key.");
        return new SigningKeys(keys, active);
    }

    /// <summary>Writes a new RSA private key as <c>{keyId}.pem</c> (owner read/write only) and returns its path.</summary>
    public static string CreateKeyFile(string folder, string keyId)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{keyId}.pem");
        using var rsa = RSA.Create(DevelopmentKeySize);
        File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return path;
    }

    private static bool HasKeyFiles(string folder) => Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.pem").Any();

    private static RsaSecurityKey ToSecurityKey(string keyId, string pem)
    {
        if (string.IsNullOrWhiteSpace(keyId))
        {
            throw new InvalidOperationException("Every signing key needs an id.");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (ArgumentException exception)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"Signing key '{keyId}' is not an RSA private key in PEM form.", exception);
        }

        if (rsa.KeySize < DevelopmentKeySize)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"Signing key '{keyId}' has {rsa.KeySize} bits; at least {DevelopmentKeySize} are required.");
        }

        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }

    private static string DefaultDevelopmentKeysPath() => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "TaskOrchestration",
        "signing-keys");
}
