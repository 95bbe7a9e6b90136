using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Application.Notifications.DailySummary;

namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>What the daily summary reads, a page of people at a time.</summary>
public interface IDailySummaryReader
{
    /// <summary>
    /// Up to <paramref name="limit"/> active people (no system user) with ids after <paramref name="after"/>, in id
    /// order, each with the daily-summary choice they made, if any.
    /// </summary>
    Task<IReadOnlyList<NotificationPerson>> PeopleAsync(Guid? after, int limit, CancellationToken cancellationToken);

    /// <summary>The open (draft, pending, running), unarchived tasks each of these people owns or is assigned to.</summary>
    Task<IReadOnlyList<SummaryTask>> OpenTasksAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);

    /// <summary>The tasks each of these people owns or created that were completed in [<paramref name="since"/>, <paramref name="until"/>).</summary>
    Task<IReadOnlyList<SummaryTask>> CompletedTasksAsync(IReadOnlyCollection<Guid> userIds, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);
}
