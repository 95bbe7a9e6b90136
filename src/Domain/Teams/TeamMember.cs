namespace TaskOrchestration.Domain.Teams;

/// <summary>A person's membership of a team.</summary>
public sealed class TeamMember
{
    private TeamMember()
    {
    }

    internal TeamMember(Guid teamId, Guid userId, DateTimeOffset addedAt)
    {
        TeamId = teamId;
        UserId = userId;
        AddedAt = addedAt;
    }

    public Guid TeamId { get; private set; }

    public Guid UserId { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }
}
