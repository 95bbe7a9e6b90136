using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Queries.GetLifecycle;

/// <summary>The task lifecycle, published from the machine that enforces it.</summary>
public sealed class LifecycleDto
{
    /// <summary>Every status a task can be in.</summary>
    public required IReadOnlyList<TaskItemStatus> States { get; init; }

    /// <summary>Every trigger (the actions of allowedActions, and the engine's requeue).</summary>
    public required IReadOnlyList<TaskTrigger> Triggers { get; init; }

    /// <summary>Each transition, with the guards that must all hold, checked in order.</summary>
    public required IReadOnlyList<LifecycleTransitionDto> Transitions { get; init; }

    /// <summary>The same lifecycle as a Mermaid state diagram (Stateless's export); also served alone with <c>?format=mermaid</c>.</summary>
    public required string Mermaid { get; init; }

    internal static LifecycleDto From(LifecycleMap map) => new()
    {
        States = map.States,
        Triggers = map.Triggers,
        Transitions = [.. map.Transitions.Select(transition => new LifecycleTransitionDto
        {
            From = transition.From,
            Trigger = transition.Trigger,
            To = transition.To,
            Guards = [.. transition.Guards.Select(guard => new LifecycleGuardDto { Condition = guard.Condition, Code = guard.Code })],
        })],
        Mermaid = map.Mermaid,
    };
}

/// <summary>From a status, a trigger leads to another status when every guard holds.</summary>
public sealed class LifecycleTransitionDto
{
    /// <summary>The status the transition leaves.</summary>
    public TaskItemStatus From { get; init; }

    /// <summary>The trigger that fires it.</summary>
    public TaskTrigger Trigger { get; init; }

    /// <summary>The status it leads to.</summary>
    public TaskItemStatus To { get; init; }

    /// <summary>The guards, in the order they are checked: the first that does not hold gives the refusal's code.</summary>
    public required IReadOnlyList<LifecycleGuardDto> Guards { get; init; }
}

/// <summary>A condition on the caller and the task, and the problem code answered when it does not hold.</summary>
public sealed class LifecycleGuardDto
{
    /// <summary>What it asks for ("owner", "creator or manager", …).</summary>
    public string Condition { get; init; } = string.Empty;

    /// <summary>The stable problem code of its refusal (<c>not_owner</c>, …); a task's refusedActions carry the same.</summary>
    public string Code { get; init; } = string.Empty;
}
