using System.Text.Json;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Common.Events;

/// <summary>Turns what an aggregate raised into the envelope the outbox stores: the one place the published shape is decided.</summary>
public static class EventEnvelopes
{
    public static EventEnvelope From(ITaskEvent taskEvent)
    {
        ArgumentNullException.ThrowIfNull(taskEvent);
        object data = taskEvent switch
        {
            TaskCreated created => new TaskCreatedData(created.Status),
            TaskTransitioned transitioned => new TaskTransitionedData(transitioned.From, transitioned.To, transitioned.Trigger, transitioned.Reason, transitioned.Result),
            TaskUpdated updated => new TaskUpdatedData(updated.Fields),
            TaskAssigned assigned => new TaskAssignedData(assigned.AssigneeIds),
            TaskCommented commented => new TaskCommentedData(commented.CommentId, commented.Change),
            TaskOverdue overdue => new TaskOverdueData(overdue.DueDate),
            _ => new NoEventData(),
        };

        return new EventEnvelope(
            Guid.CreateVersion7(taskEvent.OccurredAt),
            EventEnvelope.CurrentVersion,
            taskEvent.Type,
            taskEvent.OccurredAt,
            taskEvent.TaskId,
            new EventActor(taskEvent.ActorId, KindOf(taskEvent.ActorId)),
            JsonSerializer.SerializeToElement(data, data.GetType(), EventJson.Options));
    }

    private static EventActorKind KindOf(Guid actorId) =>
        actorId == SystemActors.Engine.UserId ? EventActorKind.Engine
        : actorId == SystemActors.Scheduler.UserId ? EventActorKind.Scheduler
        : EventActorKind.User;
}
