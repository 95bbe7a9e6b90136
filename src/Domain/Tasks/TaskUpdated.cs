using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

/// <summary>Fields of the task were edited; <see cref="Fields"/> names them as the API does ("title", "dueDate", "tags"…).</summary>
public sealed record TaskUpdated(Guid TaskId, IReadOnlyList<string> Fields, Guid ActorId, DateTimeOffset OccurredAt) : ITaskEvent
{
    // A record compares lists by reference; two events naming the same fields are the same event.
    public bool Equals(TaskUpdated? other) =>
        other is not null && TaskId == other.TaskId && Fields.SequenceEqual(other.Fields) && ActorId == other.ActorId && OccurredAt == other.OccurredAt;

    public override int GetHashCode() => HashCode.Combine(TaskId, ActorId, OccurredAt);

    public EventType Type => EventType.TaskUpdated;
}
