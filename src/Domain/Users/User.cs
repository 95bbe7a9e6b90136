using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Users;

/// <summary>A person who signs in. The email is unique and stored normalised to lower case.</summary>
public sealed class User : AggregateRoot
{
    public const int EmailMaxLength = 254;
    public const int DisplayNameMaxLength = 100;

    private User()
    {
        Email = string.Empty;
        DisplayName = string.Empty;
        PasswordHash = string.Empty;
    }

    public string Email { get; private set; }

    public string DisplayName { get; private set; }

    public UserRole Role { get; private set; }

    public string PasswordHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When an admin deactivated the account; a deactivated user can neither sign in nor refresh.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    /// <summary>
    /// Wrong passwords in a row since the last successful sign-in. Counted by the database in one statement
    /// (<c>IUserRepository.RecordFailedSignInAsync</c>), so that guesses sent at once are each counted.
    /// </summary>
    public int FailedSignInCount { get; private set; }

    /// <summary>Until when sign-in is refused after too many wrong passwords.</summary>
    public DateTimeOffset? LockedUntil { get; private set; }

    public static User Register(string email, string displayName, string passwordHash, UserRole role, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        var normalisedEmail = NormaliseEmail(email);
        if (normalisedEmail.Length is 0 or > EmailMaxLength || !normalisedEmail.Contains('@', StringComparison.Ordinal))
        {
            throw new DomainException(UserErrors.InvalidEmail);
        }

        var trimmedName = displayName?.Trim() ?? string.Empty;
        if (trimmedName.Length is 0 or > DisplayNameMaxLength)
        {
            throw new DomainException(UserErrors.InvalidDisplayName);
        }

        return new User
        {
            Id = Guid.CreateVersion7(now),
            Email = normalisedEmail,
            DisplayName = trimmedName,
            PasswordHash = passwordHash,
            Role = role,
            CreatedAt = now,
        };
    }

    /// <summary>The one normal form of an email address, used to store and to look up.</summary>
    public static string NormaliseEmail(string? email) => (email ?? string.Empty).Trim().ToLowerInvariant();

    public Actor AsActor() => new(Id, Role);

    /// <summary>Replaces the hash, for example when the hashing algorithm's parameters grow stronger.</summary>
    public void ChangePasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(passwordHash);
        PasswordHash = passwordHash;
    }

    public void ChangeRole(UserRole role, DateTimeOffset now)
    {
        if (role != Role)
        {
            Role = role;
            Raise(new UserAccessChanged(Id, now));
        }
    }

    public void ChangeDisplayName(string displayName)
    {
        var trimmed = displayName?.Trim() ?? string.Empty;
        DisplayName = trimmed.Length is 0 or > DisplayNameMaxLength ? throw new DomainException(UserErrors.InvalidDisplayName) : trimmed;
    }

    public void Deactivate(DateTimeOffset now)
    {
        if (IsActive)
        {
            DeactivatedAt = now;
            Raise(new UserAccessChanged(Id, now));
        }
    }

    public void Reactivate()
    {
        DeactivatedAt = null;
        FailedSignInCount = 0;
        LockedUntil = null;
    }

    public bool IsLockedOut(DateTimeOffset now) => LockedUntil > now;
}
