using Stateless;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

/// <summary>
/// The task lifecycle, declared once: which trigger moves a task from which status to which, and who may fire it.
/// Both the rules (<see cref="Fire"/>) and what the API offers a user (<see cref="PermittedTriggers"/>) come from
/// this one declaration. Guard descriptions are error codes, so a refused guard becomes a precise domain error.
/// </summary>
/// <remarks>
/// The machine is bound to one task and one actor because its guards ask about both ("is the actor the owner?").
/// Building it is cheap: a handful of dictionary entries.
/// </remarks>
public sealed class TaskLifecycle
{
    private readonly StateMachine<TaskItemStatus, TaskTrigger> _machine;
    private readonly Func<Guid?> _owner;

    internal TaskLifecycle(Func<TaskItemStatus> status, Action<TaskItemStatus> setStatus, Func<Guid?> owner, Guid creator, Func<Guid, bool> mayTake, bool automated, Actor actor)
    {
        _owner = owner;
        _machine = new StateMachine<TaskItemStatus, TaskTrigger>(status, setStatus);

        bool IsOwner() => owner() == actor.UserId;
        bool IsCreatorOrManager() => creator == actor.UserId || actor.IsManagerOrAdmin;
        bool MayTake() => mayTake(actor.UserId);

        // Automated tasks are run by the engine alone, people's tasks by people alone.
        bool RunsThisKind() => automated == (actor.UserId == SystemActors.Engine.UserId);
        bool IsAutomated() => automated;

        _machine.Configure(TaskItemStatus.Draft)
            .PermitIf(TaskTrigger.Publish, TaskItemStatus.Pending, IsCreatorOrManager, TaskErrors.NotCreatorOrManagerCode)
            .PermitIf(TaskTrigger.Cancel, TaskItemStatus.Cancelled, IsCreatorOrManager, TaskErrors.NotCreatorOrManagerCode);

        _machine.Configure(TaskItemStatus.Pending)
            .PermitIf(
                TaskTrigger.Take,
                TaskItemStatus.Running,
                new Tuple<Func<bool>, string>(RunsThisKind, TaskErrors.AutomatedTaskCode),
                new Tuple<Func<bool>, string>(MayTake, TaskErrors.NotAssigneeCode))
            .PermitIf(TaskTrigger.Cancel, TaskItemStatus.Cancelled, IsCreatorOrManager, TaskErrors.NotCreatorOrManagerCode);

        _machine.Configure(TaskItemStatus.Running)
            .PermitIf(TaskTrigger.Complete, TaskItemStatus.Done, IsOwner, TaskErrors.NotOwnerCode)
            .PermitIf(TaskTrigger.Fail, TaskItemStatus.Failed, IsOwner, TaskErrors.NotOwnerCode)
            .PermitIf(TaskTrigger.Release, TaskItemStatus.Pending, IsOwner, TaskErrors.NotOwnerCode)
            .PermitIf(
                TaskTrigger.Requeue,
                TaskItemStatus.Pending,
                new Tuple<Func<bool>, string>(IsAutomated, TaskErrors.AutomatedTaskCode),
                new Tuple<Func<bool>, string>(IsOwner, TaskErrors.NotOwnerCode))
            .PermitIf(TaskTrigger.Cancel, TaskItemStatus.Cancelled, IsCreatorOrManager, TaskErrors.NotCreatorOrManagerCode);

        _machine.Configure(TaskItemStatus.Failed)
            .PermitIf(TaskTrigger.Retry, TaskItemStatus.Pending, IsCreatorOrManager, TaskErrors.NotCreatorOrManagerCode);

        // Terminal: no trigger leaves these.
        _machine.Configure(TaskItemStatus.Done);
        _machine.Configure(TaskItemStatus.Cancelled);
    }

    /// <summary>The triggers this actor may fire now, in declaration order.</summary>
    public IReadOnlyList<TaskTrigger> PermittedTriggers
    {
        get
        {
            // Stateless 5.20 marks the synchronous listing obsolete in favour of an async one meant for async guards.
            // Our guards are plain in-memory checks, so the synchronous listing is exact and avoids sync-over-async.
#pragma warning disable CS0618
            return [.. _machine.PermittedTriggers.Distinct().Order()];
#pragma warning restore CS0618
        }
    }

    /// <summary>Fires <paramref name="trigger"/>, or throws a <see cref="DomainException"/> and changes nothing.</summary>
    internal void Fire(TaskTrigger trigger)
    {
        if (!_machine.CanFire(trigger, out var unmetGuards))
        {
            throw new DomainException(ExplainRefusal(trigger, unmetGuards));
        }

        _machine.Fire(trigger);
    }

    private DomainError ExplainRefusal(TaskTrigger trigger, ICollection<string>? unmetGuards)
    {
        // Stateless reports no collection at all when the trigger is not configured for the current state.
        if (unmetGuards is { Count: > 0 })
        {
            return TaskErrors.FromGuardCode(unmetGuards.First());
        }

        // Someone took it and still holds it (running, done or failed): the precise answer to another taker is
        // "already taken". A cancelled task may keep its last owner, but it is simply closed.
        return trigger == TaskTrigger.Take && _owner() is not null && _machine.State != TaskItemStatus.Cancelled
            ? TaskErrors.AlreadyTaken
            : TaskErrors.InvalidTransition(_machine.State, trigger);
    }
}
