namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>Hashes passwords with a slow, salted key-derivation function.</summary>
public interface IPasswordHasher
{
    string Hash(string password);

    /// <summary>
    /// Checks a password against a stored hash. With no hash (an unknown account) it still spends the time of a real
    /// check and answers false, so a caller cannot tell unknown accounts from wrong passwords by timing.
    /// </summary>
    bool Verify(string? hash, string password);
}
