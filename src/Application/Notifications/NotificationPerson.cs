using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Application.Notifications;

/// <summary>A person as notifications need them: how to name and reach them, whether they are active, and what they chose.</summary>
/// <param name="Id">The user.</param>
/// <param name="DisplayName">Their name, as others see it.</param>
/// <param name="Email">Their address.</param>
/// <param name="IsActive">False once an admin deactivated them: they are told nothing.</param>
/// <param name="Choices">The preferences they stored; other types follow the defaults.</param>
public sealed record NotificationPerson(Guid Id, string DisplayName, string Email, bool IsActive, IReadOnlyDictionary<EventType, NotificationChannels> Choices)
{
    /// <summary>How this person is told of <paramref name="type"/>: their choice, or the default.</summary>
    public NotificationChannels ChannelsFor(EventType type) =>
        NotificationPolicy.Effective(type, Choices.TryGetValue(type, out var chosen) ? chosen : null);
}
