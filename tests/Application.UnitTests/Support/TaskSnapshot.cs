using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.UnitTests.Support;

/// <summary>Everything a change could touch, to show that a refused change touched nothing.</summary>
internal sealed record TaskSnapshot(
    TaskItemStatus Status,
    Guid? OwnerId,
    string Title,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt,
    int AttemptCount,
    int HistoryCount,
    int EventCount)
{
    public static TaskSnapshot Of(TaskItem task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.Status, task.OwnerId, task.Title, task.UpdatedAt, task.ArchivedAt, task.Run.AttemptCount, task.History.Count, task.DomainEvents.Count);
    }
}
