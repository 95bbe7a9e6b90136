using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Notifications;

/// <summary>A task as the notification rules see it: its title, what runs it, and who is involved in it.</summary>
/// <param name="Id">The task.</param>
/// <param name="Title">Its title, quoted in notifications.</param>
/// <param name="Kind">"manual", or the kind of handler the engine runs it with.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="OwnerId">Who took it, if anyone.</param>
/// <param name="AssigneeIds">Who it is assigned to.</param>
public sealed record TaskParticipants(Guid Id, string Title, string Kind, Guid CreatedBy, Guid? OwnerId, IReadOnlyList<Guid> AssigneeIds)
{
    public bool IsAutomated => Kind != TaskAutomation.ManualKind;

    /// <summary>The owner, the creator and the assignees, each once.</summary>
    public IEnumerable<Guid> Involved =>
        (OwnerId is { } owner ? [owner] : Array.Empty<Guid>()).Append(CreatedBy).Concat(AssigneeIds).Distinct();
}
