namespace TaskOrchestration.Application.LiveUpdates;

/// <summary>Which live updates one person receives: the same tasks they may see (TaskVisibility).</summary>
public sealed class LiveUpdateScopeDto
{
    /// <summary>The person; their own notifications go to them alone.</summary>
    public required Guid UserId { get; init; }

    /// <summary>True for managers and admins: every team's tasks.</summary>
    public required bool AllTeams { get; init; }

    /// <summary>The teams whose tasks they see besides the tasks without a team (when not <see cref="AllTeams"/>).</summary>
    public required IReadOnlyList<Guid> TeamIds { get; init; }
}
