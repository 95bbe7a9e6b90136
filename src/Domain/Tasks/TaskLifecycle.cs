using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

/// <summary>
/// The task lifecycle, declared once: which trigger moves a task from which status to which, and who may fire it.
/// Both the rules (<see cref="Fire"/>) and what the API offers a user (<see cref="PermittedTriggers"/>) come from
/// this one declaration. Each guard carries an error code, so a refused guard becomes a precise domain error.
/// </summary>
/// <remarks>
/// The table is built once for the type (ADR 0015); an instance binds it to one task and one actor, because the
/// guards ask about both ("is the actor the owner?"), and costs no more than the closures it is given.
/// </remarks>
public sealed class TaskLifecycle
{
    private static readonly Guard CreatorOrManager = new(lifecycle => lifecycle._creator == lifecycle._actor.UserId || lifecycle._actor.IsManagerOrAdmin, TaskErrors.NotCreatorOrManagerCode);
    private static readonly Guard Owner = new(lifecycle => lifecycle._owner() == lifecycle._actor.UserId, TaskErrors.NotOwnerCode);
    private static readonly Guard Assignee = new(lifecycle => lifecycle._mayTake(lifecycle._actor.UserId), TaskErrors.NotAssigneeCode);

    // Automated tasks are run by the engine alone, people's tasks by people alone.
    private static readonly Guard RunsThisKind = new(lifecycle => lifecycle._automated == (lifecycle._actor.UserId == SystemActors.Engine.UserId), TaskErrors.AutomatedTaskCode);
    private static readonly Guard Automated = new(lifecycle => lifecycle._automated, TaskErrors.AutomatedTaskCode);

    // Done and cancelled are terminal: no transition leaves them.
    private static readonly Transition[] Transitions =
    [
        new(TaskItemStatus.Draft, TaskTrigger.Publish, TaskItemStatus.Pending, [CreatorOrManager]),
        new(TaskItemStatus.Draft, TaskTrigger.Cancel, TaskItemStatus.Cancelled, [CreatorOrManager]),
        new(TaskItemStatus.Pending, TaskTrigger.Take, TaskItemStatus.Running, [RunsThisKind, Assignee]),
        new(TaskItemStatus.Pending, TaskTrigger.Cancel, TaskItemStatus.Cancelled, [CreatorOrManager]),
        new(TaskItemStatus.Running, TaskTrigger.Complete, TaskItemStatus.Done, [Owner]),
        new(TaskItemStatus.Running, TaskTrigger.Fail, TaskItemStatus.Failed, [Owner]),
        new(TaskItemStatus.Running, TaskTrigger.Release, TaskItemStatus.Pending, [Owner]),
        new(TaskItemStatus.Running, TaskTrigger.Requeue, TaskItemStatus.Pending, [Automated, Owner]),
        new(TaskItemStatus.Running, TaskTrigger.Cancel, TaskItemStatus.Cancelled, [CreatorOrManager]),
        new(TaskItemStatus.Failed, TaskTrigger.Retry, TaskItemStatus.Pending, [CreatorOrManager]),
    ];

    private readonly Func<TaskItemStatus> _status;
    private readonly Action<TaskItemStatus> _setStatus;
    private readonly Func<Guid?> _owner;
    private readonly Guid _creator;
    private readonly Func<Guid, bool> _mayTake;
    private readonly bool _automated;
    private readonly Actor _actor;

    internal TaskLifecycle(Func<TaskItemStatus> status, Action<TaskItemStatus> setStatus, Func<Guid?> owner, Guid creator, Func<Guid, bool> mayTake, bool automated, Actor actor)
    {
        _status = status;
        _setStatus = setStatus;
        _owner = owner;
        _creator = creator;
        _mayTake = mayTake;
        _automated = automated;
        _actor = actor;
    }

    /// <summary>The triggers this actor may fire now, in declaration order.</summary>
    public IReadOnlyList<TaskTrigger> PermittedTriggers
    {
        get
        {
            var status = _status();
            return [.. Transitions
                .Where(transition => transition.From == status && transition.Guards.All(guard => guard.Holds(this)))
                .Select(transition => transition.Trigger)
                .Distinct()
                .Order()];
        }
    }

    /// <summary>Fires <paramref name="trigger"/>, or throws a <see cref="DomainException"/> and changes nothing.</summary>
    internal void Fire(TaskTrigger trigger)
    {
        var status = _status();
        var transition = Array.Find(Transitions, candidate => candidate.From == status && candidate.Trigger == trigger)
            ?? throw new DomainException(NotAllowedHere(status, trigger));
        if (transition.Guards.FirstOrDefault(guard => !guard.Holds(this)) is { } unmet)
        {
            throw new DomainException(TaskErrors.FromGuardCode(unmet.Code));
        }

        _setStatus(transition.To);
    }

    private DomainError NotAllowedHere(TaskItemStatus status, TaskTrigger trigger) =>
        // Someone took it and still holds it (running, done or failed): the precise answer to another taker is
        // "already taken". A cancelled task may keep its last owner, but it is simply closed.
        trigger == TaskTrigger.Take && _owner() is not null && status != TaskItemStatus.Cancelled
            ? TaskErrors.AlreadyTaken
            : TaskErrors.InvalidTransition(status, trigger);

    /// <summary>A condition on the task and the actor, and the error code when it does not hold.</summary>
    private sealed record Guard(Func<TaskLifecycle, bool> Holds, string Code);

    /// <summary>From a status, a trigger leads to another status when every guard holds; the first that does not explains the refusal.</summary>
    private sealed record Transition(TaskItemStatus From, TaskTrigger Trigger, TaskItemStatus To, Guard[] Guards);
}
