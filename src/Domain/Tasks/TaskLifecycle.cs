using Stateless;
using Stateless.Graph;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

/// <summary>
/// The task lifecycle, declared once with Stateless: which trigger moves a task from which status to which, and who
/// may fire it. The rules (<see cref="Fire"/>), what the API offers a user (<see cref="PermittedTriggers"/>) and why it
/// refuses the rest (<see cref="RefusedTriggers"/>) all come from this one machine. Each guard's description is its
/// error code, so a refused guard becomes a precise domain error.
/// </summary>
/// <remarks>
/// <para>
/// One machine is configured per thread and reused for every task (ADR 0026): its state lives in the task (external
/// state storage), and its guards read a cursor holding the facts about the task and the actor of the call in
/// progress. Configuring a machine per call cost 37 µs and 28 KB per engine task (ADR 0015). A guard is described by
/// its condition (what the diagram shows); <see cref="Guards"/> gives the error code of its refusal.
/// </para>
/// <para>
/// The machine has no entry or exit actions, so what it answers is a function of the status, the trigger and the
/// guards' values (the <see cref="Facts"/>) alone. Each answer is therefore asked of the machine once per thread and
/// kept: a transition the thread has seen before costs a dictionary lookup, not a firing (Stateless allocates about
/// 1 KB per firing). Every call is synchronous, so one thread's machine never serves two calls at once.
/// </para>
/// </remarks>
public sealed class TaskLifecycle
{
    [ThreadStatic]
    private static TaskLifecycle? _ofThisThread;

    private readonly StateMachine<TaskItemStatus, TaskTrigger> _machine;
    private readonly StateMachine<TaskItemStatus, TaskTrigger>.TriggerWithParameters<string?> _complete;
    private readonly StateMachine<TaskItemStatus, TaskTrigger>.TriggerWithParameters<string> _fail;
    private readonly StateMachine<TaskItemStatus, TaskTrigger>.TriggerWithParameters<string> _requeue;
    private readonly StateMachine<TaskItemStatus, TaskTrigger>.TriggerWithParameters<string?> _cancel;
    private readonly Dictionary<TaskItemStatus, TaskTrigger[]> _triggersFrom;

    // What the machine answered, by (status, trigger, facts) and by (status, facts).
    private readonly Dictionary<(TaskItemStatus, TaskTrigger, Facts), Outcome> _outcomes = [];
    private readonly Dictionary<(TaskItemStatus, Facts), TaskTrigger[]> _permitted = [];
    private readonly Dictionary<(TaskItemStatus, Facts), RefusedTrigger[]> _refused = [];

    // The cursor: the status and facts of the call in progress on this thread, and the status the machine moved to.
    private TaskItemStatus _status;
    private Facts _facts;
    private TaskItemStatus _entered;

    private TaskLifecycle()
    {
        // Immediate: nothing fires from inside a transition, so there is nothing to queue.
        _machine = new StateMachine<TaskItemStatus, TaskTrigger>(() => _status, status => _entered = status, FiringMode.Immediate);
        _complete = _machine.SetTriggerParameters<string?>(TaskTrigger.Complete);
        _fail = _machine.SetTriggerParameters<string>(TaskTrigger.Fail);
        _requeue = _machine.SetTriggerParameters<string>(TaskTrigger.Requeue);
        _cancel = _machine.SetTriggerParameters<string?>(TaskTrigger.Cancel);

        var creatorOrManager = Guard(Facts.CreatorOrManager);
        var owner = Guard(Facts.Owner);
        var assignee = Guard(Facts.Assignee);
        var runsThisKind = Guard(Facts.RunsThisKind);
        var automated = Guard(Facts.Automated);

        _machine.Configure(TaskItemStatus.Draft)
            .PermitIf(TaskTrigger.Publish, TaskItemStatus.Pending, creatorOrManager)
            .PermitIf(TaskTrigger.Cancel, TaskItemStatus.Cancelled, creatorOrManager);
        _machine.Configure(TaskItemStatus.Pending)
            .PermitIf(TaskTrigger.Take, TaskItemStatus.Running, runsThisKind, assignee)
            .PermitIf(TaskTrigger.Cancel, TaskItemStatus.Cancelled, creatorOrManager);
        _machine.Configure(TaskItemStatus.Running)
            .PermitIf(TaskTrigger.Complete, TaskItemStatus.Done, owner)
            .PermitIf(TaskTrigger.Fail, TaskItemStatus.Failed, owner)
            .PermitIf(TaskTrigger.Release, TaskItemStatus.Pending, owner)
            .PermitIf(TaskTrigger.Requeue, TaskItemStatus.Pending, automated, owner)
            .PermitIf(TaskTrigger.Cancel, TaskItemStatus.Cancelled, creatorOrManager);
        _machine.Configure(TaskItemStatus.Failed)
            .PermitIf(TaskTrigger.Retry, TaskItemStatus.Pending, creatorOrManager);
        // Done and cancelled are terminal: no transition leaves them.
        _machine.Configure(TaskItemStatus.Done);
        _machine.Configure(TaskItemStatus.Cancelled);

        _machine.OnUnhandledTrigger((status, trigger, unmetGuards) =>
            throw new DomainException(unmetGuards is { Count: > 0 } ? TaskErrors.FromGuardCode(CodeOf(unmetGuards.First())) : NotAllowedHere(status, trigger)));

        _triggersFrom = _machine.GetInfo().States.ToDictionary(
            state => (TaskItemStatus)state.UnderlyingState,
            state => state.Transitions.Select(transition => (TaskTrigger)transition.Trigger.UnderlyingTrigger).Distinct().Order().ToArray());
    }

    /// <summary>What the guards ask about a task and an actor, worked out once per call.</summary>
    [Flags]
    private enum Facts
    {
        None = 0,
        CreatorOrManager = 1,
        Owner = 2,
        Assignee = 4,

        // Automated tasks are run by the engine alone, people's tasks by people alone.
        RunsThisKind = 8,
        Automated = 16,

        // Someone holds or held the task: a second take is told "already taken".
        HasOwner = 32,
    }

    /// <summary>Each guard: the condition it asks for, and the error code its refusal answers.</summary>
    private static readonly Dictionary<Facts, LifecycleGuard> Guards = new()
    {
        [Facts.CreatorOrManager] = new("creator or manager", TaskErrors.NotCreatorOrManagerCode),
        [Facts.Owner] = new("owner", TaskErrors.NotOwnerCode),
        [Facts.Assignee] = new("assignee, or nobody assigned", TaskErrors.NotAssigneeCode),
        [Facts.RunsThisKind] = new("the engine for automated tasks, people for the rest", TaskErrors.AutomatedTaskCode),
        [Facts.Automated] = new("automated task", TaskErrors.AutomatedTaskCode),
    };

    private static TaskLifecycle OfThisThread => _ofThisThread ??= new TaskLifecycle();

    /// <summary>The triggers <paramref name="actor"/> may fire on <paramref name="task"/> now, in declaration order.</summary>
    internal static IReadOnlyList<TaskTrigger> PermittedTriggers(TaskItem task, Actor actor) => OfThisThread.Permitted(task.Status, FactsOf(task, actor));

    /// <summary>
    /// The triggers of <paramref name="task"/>'s status that a guard refuses to <paramref name="actor"/>, each with the
    /// code of the first guard that does not hold: why a button is disabled.
    /// </summary>
    internal static IReadOnlyList<RefusedTrigger> RefusedTriggers(TaskItem task, Actor actor) => OfThisThread.Refused(task.Status, FactsOf(task, actor));

    /// <summary>
    /// Fires <paramref name="trigger"/> on <paramref name="task"/> for <paramref name="actor"/> and answers the status it
    /// leads to, or throws a <see cref="DomainException"/>. The task is not changed: it applies the answer. Fail's and
    /// requeue's <paramref name="reason"/>, cancel's optional one and complete's <paramref name="result"/> travel as the
    /// triggers' parameters.
    /// </summary>
    internal static TaskItemStatus Fire(TaskItem task, Actor actor, TaskTrigger trigger, string? reason, string? result)
    {
        var outcome = OfThisThread.Decide(task.Status, trigger, FactsOf(task, actor), reason, result);
        return outcome.Refusal is null ? outcome.Destination : throw new DomainException(outcome.Refusal);
    }

    /// <summary>
    /// The lifecycle as data, read from the machine itself: every status, every trigger, and each transition with the
    /// error codes of its guards, in declaration order; and the Mermaid state diagram Stateless draws of it.
    /// </summary>
    public static LifecycleMap Map()
    {
        var info = new TaskLifecycle()._machine.GetInfo();
        var transitions = info.States
            .SelectMany(state => state.FixedTransitions.Select(transition => new LifecycleTransition(
                (TaskItemStatus)state.UnderlyingState,
                (TaskTrigger)transition.Trigger.UnderlyingTrigger,
                (TaskItemStatus)transition.DestinationState.UnderlyingState,
                [.. transition.GuardConditionsMethodDescriptions.Select(guard => new LifecycleGuard(guard.Description, CodeOf(guard.Description)))])))
            .ToList();
        return new LifecycleMap(Enum.GetValues<TaskItemStatus>(), Enum.GetValues<TaskTrigger>(), transitions, MermaidGraph.Format(info));
    }

    private static Facts FactsOf(TaskItem task, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(actor);
        var facts = Facts.None;
        if (task.CreatedBy == actor.UserId || actor.IsManagerOrAdmin)
        {
            facts |= Facts.CreatorOrManager;
        }

        if (task.OwnerId is { } ownerId)
        {
            facts |= Facts.HasOwner | (ownerId == actor.UserId ? Facts.Owner : Facts.None);
        }

        if (task.MayBeTakenBy(actor.UserId))
        {
            facts |= Facts.Assignee;
        }

        if (task.IsAutomated)
        {
            facts |= Facts.Automated;
        }

        if (task.IsAutomated == (actor.UserId == SystemActors.Engine.UserId))
        {
            facts |= Facts.RunsThisKind;
        }

        return facts;
    }

    /// <summary>A guard on one fact, described by the condition it asks for (what the diagram shows).</summary>
    private Tuple<Func<bool>, string> Guard(Facts fact) => Tuple.Create<Func<bool>, string>(() => (_facts & fact) != 0, Guards[fact].Condition);

    private static string CodeOf(string condition) => Guards.Values.First(guard => guard.Condition == condition).Code;

    private Outcome Decide(TaskItemStatus status, TaskTrigger trigger, Facts facts, string? reason, string? result)
    {
        if (_outcomes.TryGetValue((status, trigger, facts), out var known))
        {
            return known;
        }

        Point(status, facts);
        Outcome outcome;
        try
        {
            switch (trigger)
            {
                case TaskTrigger.Complete:
                    _machine.Fire(_complete, result);
                    break;
                case TaskTrigger.Fail:
                    _machine.Fire(_fail, reason ?? string.Empty);
                    break;
                case TaskTrigger.Requeue:
                    _machine.Fire(_requeue, reason ?? string.Empty);
                    break;
                case TaskTrigger.Cancel:
                    _machine.Fire(_cancel, reason);
                    break;
                default:
                    _machine.Fire(trigger);
                    break;
            }

            outcome = new Outcome(_entered, null);
        }
        catch (DomainException refused)
        {
            outcome = new Outcome(status, refused.Error);
        }

        _outcomes[(status, trigger, facts)] = outcome;
        return outcome;
    }

    private TaskTrigger[] Permitted(TaskItemStatus status, Facts facts)
    {
        if (!_permitted.TryGetValue((status, facts), out var permitted))
        {
            Point(status, facts);
            permitted = [.. _triggersFrom[status].Where(_machine.CanFire)];
            _permitted[(status, facts)] = permitted;
        }

        return permitted;
    }

    private RefusedTrigger[] Refused(TaskItemStatus status, Facts facts)
    {
        if (!_refused.TryGetValue((status, facts), out var refused))
        {
            Point(status, facts);
            var list = new List<RefusedTrigger>();
            foreach (var trigger in _triggersFrom[status])
            {
                if (!_machine.CanFire(trigger, out var unmetGuards) && unmetGuards is { Count: > 0 })
                {
                    list.Add(new RefusedTrigger(trigger, CodeOf(unmetGuards.First())));
                }
            }

            refused = [.. list];
            _refused[(status, facts)] = refused;
        }

        return refused;
    }

    private void Point(TaskItemStatus status, Facts facts)
    {
        _status = status;
        _facts = facts;
        _entered = status;
    }

    private DomainError NotAllowedHere(TaskItemStatus status, TaskTrigger trigger) =>
        // Someone took it and still holds it (running, done or failed): the precise answer to another taker is
        // "already taken". A cancelled task may keep its last owner, but it is simply closed.
        trigger == TaskTrigger.Take && (_facts & Facts.HasOwner) != 0 && status != TaskItemStatus.Cancelled
            ? TaskErrors.AlreadyTaken
            : TaskErrors.InvalidTransition(status, trigger);

    /// <summary>The machine's answer to one trigger: the status it leads to, or why it is refused.</summary>
    private sealed record Outcome(TaskItemStatus Destination, DomainError? Refusal);
}

/// <summary>The task lifecycle as data (<see cref="TaskLifecycle.Map"/>).</summary>
/// <param name="States">Every status.</param>
/// <param name="Triggers">Every trigger.</param>
/// <param name="Transitions">Each transition, from the statuses in order.</param>
/// <param name="Mermaid">The state diagram, as Stateless's Mermaid export writes it.</param>
public sealed record LifecycleMap(IReadOnlyList<TaskItemStatus> States, IReadOnlyList<TaskTrigger> Triggers, IReadOnlyList<LifecycleTransition> Transitions, string Mermaid);

/// <summary>One transition: from a status, a trigger leads to another when every guard holds, checked in order.</summary>
public sealed record LifecycleTransition(TaskItemStatus From, TaskTrigger Trigger, TaskItemStatus To, IReadOnlyList<LifecycleGuard> Guards);

/// <summary>A guard: the condition it asks for about the caller and the task, and the error code when it does not hold.</summary>
public sealed record LifecycleGuard(string Condition, string Code);

/// <summary>A trigger of the task's status that a guard refuses to the caller, and the guard's error code.</summary>
public sealed record RefusedTrigger(TaskTrigger Trigger, string Code);
