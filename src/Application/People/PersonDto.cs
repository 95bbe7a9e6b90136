namespace TaskOrchestration.Application.People;

/// <summary>Someone the caller may name: enough to show and to pick a person, nothing private (no email, no role).</summary>
public sealed class PersonDto
{
    /// <summary>The user's id, what assignee, owner and author fields hold.</summary>
    public Guid Id { get; init; }

    /// <summary>The name shown to others.</summary>
    public string DisplayName { get; init; } = string.Empty;

    /// <summary>False once an admin deactivated the account: shown by name, no longer worth picking.</summary>
    public bool IsActive { get; init; }
}
