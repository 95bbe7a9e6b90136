namespace TaskOrchestration.Application.Teams;

/// <summary>A team and who is in it.</summary>
public sealed class TeamDto
{
    /// <summary>The team's id.</summary>
    public Guid Id { get; init; }

    /// <summary>The team's unique name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>When the team was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The ids of the team's members.</summary>
    public IReadOnlyList<Guid> MemberIds { get; init; } = [];
}
