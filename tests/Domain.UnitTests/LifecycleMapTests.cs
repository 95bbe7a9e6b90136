using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>The lifecycle as data, read from the Stateless machine: what GET /api/v1/lifecycle and the docs publish.</summary>
public sealed class LifecycleMapTests
{
    [Fact]
    public void TheMap_ListsEveryTransitionWithItsGuardsCodes()
    {
        var map = TaskLifecycle.Map();

        Assert.Equal(10, map.Transitions.Count);
        Assert.Contains(new LifecycleTransition(TaskItemStatus.Pending, TaskTrigger.Take, TaskItemStatus.Running, [new LifecycleGuard("the engine for automated tasks, people for the rest", TaskErrors.AutomatedTaskCode), new LifecycleGuard("assignee, or nobody assigned", TaskErrors.NotAssigneeCode)]), map.Transitions, TransitionComparer.Instance);
        Assert.DoesNotContain(map.Transitions, transition => transition.From is TaskItemStatus.Done or TaskItemStatus.Cancelled);
        Assert.Equal(Enum.GetValues<TaskItemStatus>(), map.States);
    }

    [Fact]
    public void TheMap_AgreesWithWhatFiringDoes_ForEveryStatusAndTrigger()
    {
        foreach (var status in new[] { TaskItemStatus.Draft, TaskItemStatus.Pending, TaskItemStatus.Running, TaskItemStatus.Failed, TaskItemStatus.Done, TaskItemStatus.Cancelled })
        {
            var declared = TaskLifecycle.Map().Transitions.Where(transition => transition.From == status).Select(transition => transition.Trigger).Order();
            var offeredOrRefused = TaskBuilder.InStatus(status).PermittedTriggers(People.Admin)
                .Concat(TaskBuilder.InStatus(status).RefusedTriggers(People.Admin).Select(refused => refused.Trigger)).Order();
            Assert.Equal(declared, offeredOrRefused);
        }
    }

    [Fact]
    public void TheDiagram_IsAMermaidStateDiagramOfEveryTransition()
    {
        var mermaid = TaskLifecycle.Map().Mermaid;

        Assert.StartsWith("stateDiagram-v2", mermaid, StringComparison.Ordinal);
        Assert.Contains("Running --> Done : Complete [owner]", mermaid, StringComparison.Ordinal);
    }

    private sealed class TransitionComparer : IEqualityComparer<LifecycleTransition>
    {
        public static readonly TransitionComparer Instance = new();

        public bool Equals(LifecycleTransition? x, LifecycleTransition? y) =>
            x is not null && y is not null && (x.From, x.Trigger, x.To) == (y.From, y.Trigger, y.To) && x.Guards.SequenceEqual(y.Guards);

        public int GetHashCode(LifecycleTransition obj) => HashCode.Combine(obj.From, obj.Trigger, obj.To);
    }
}
