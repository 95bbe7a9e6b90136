using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Domain.Teams;

/// <summary>A group of people whose tasks only they (and managers and admins) can see.</summary>
public sealed class Team : AggregateRoot
{
    public const int NameMaxLength = 100;

    private readonly List<TeamMember> _members = [];

    private Team()
    {
        Name = string.Empty;
    }

    public string Name { get; private set; }

    public Guid CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyCollection<TeamMember> Members => _members.AsReadOnly();

    public static Team Create(string name, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > NameMaxLength)
        {
            throw new DomainException(new DomainError("invalid_team_name", $"A team name has 1 to {NameMaxLength} characters.", ErrorKind.Validation));
        }

        return new Team { Id = Guid.CreateVersion7(now), Name = trimmed, CreatedBy = actor.UserId, CreatedAt = now };
    }

    public bool HasMember(Guid userId) => _members.Exists(member => member.UserId == userId);

    /// <summary>Adds a member; adding someone who is already a member changes nothing.</summary>
    public void AddMember(Guid userId, DateTimeOffset now)
    {
        if (!HasMember(userId))
        {
            _members.Add(new TeamMember(Id, userId, now));
            Raise(new UserAccessChanged(userId, now));
        }
    }

    /// <summary>Removes a member; removing someone who is not a member changes nothing.</summary>
    public void RemoveMember(Guid userId, DateTimeOffset now)
    {
        if (_members.RemoveAll(member => member.UserId == userId) > 0)
        {
            Raise(new UserAccessChanged(userId, now));
        }
    }
}
