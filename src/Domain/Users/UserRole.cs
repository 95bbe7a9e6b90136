namespace TaskOrchestration.Domain.Users;

/// <summary>A user's role in the organisation.</summary>
public enum UserRole
{
    /// <summary>Works on tasks: creates them, takes them, finishes what they took.</summary>
    Member,

    /// <summary>A member who also edits, publishes, retries and cancels anyone's tasks.</summary>
    Manager,

    /// <summary>Runs the system.</summary>
    Admin,
}
