using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Domain.UnitTests.TaskBuilder;

namespace TaskOrchestration.Domain.UnitTests;

public sealed class PermittedTriggersTests
{
    public static readonly TheoryData<TaskItemStatus, string, TaskTrigger[]> Expectations = new()
    {
        { TaskItemStatus.Draft, "creator", [TaskTrigger.Publish, TaskTrigger.Cancel] },
        { TaskItemStatus.Draft, "manager", [TaskTrigger.Publish, TaskTrigger.Cancel] },
        { TaskItemStatus.Draft, "stranger", [] },
        { TaskItemStatus.Pending, "creator", [TaskTrigger.Take, TaskTrigger.Cancel] },
        { TaskItemStatus.Pending, "stranger", [TaskTrigger.Take] },
        { TaskItemStatus.Pending, "admin", [TaskTrigger.Take, TaskTrigger.Cancel] },
        { TaskItemStatus.Running, "owner", [TaskTrigger.Complete, TaskTrigger.Fail, TaskTrigger.Release] },
        { TaskItemStatus.Running, "creator", [TaskTrigger.Cancel] },
        { TaskItemStatus.Running, "manager", [TaskTrigger.Cancel] },
        { TaskItemStatus.Running, "stranger", [] },
        { TaskItemStatus.Failed, "creator", [TaskTrigger.Retry] },
        { TaskItemStatus.Failed, "owner", [] },
        { TaskItemStatus.Failed, "admin", [TaskTrigger.Retry] },
        { TaskItemStatus.Done, "owner", [] },
        { TaskItemStatus.Done, "admin", [] },
        { TaskItemStatus.Cancelled, "creator", [] },
        { TaskItemStatus.Cancelled, "admin", [] },
    };

    [Theory]
    [MemberData(nameof(Expectations))]
    public void PermittedTriggers_AreExactlyWhatThisActorMayDoNow(TaskItemStatus status, string who, TaskTrigger[] expected)
    {
        var task = InStatus(status);

        Assert.Equal(expected, task.PermittedTriggers(ActorNamed(who)));
    }

    [Fact]
    public void EveryPermittedTrigger_CanActuallyBeFired()
    {
        foreach (var status in Enum.GetValues<TaskItemStatus>())
        {
            foreach (var actor in new[] { Creator, Owner, Stranger, Manager, Admin })
            {
                foreach (var trigger in InStatus(status).PermittedTriggers(actor))
                {
                    var task = InStatus(status);
                    Fire(task, trigger, actor, Later);
                    Assert.Equal(trigger, task.History.Last().Trigger);
                }
            }
        }
    }

    private static Actor ActorNamed(string who) => who switch
    {
        "creator" => Creator,
        "owner" => Owner,
        "manager" => Manager,
        "admin" => Admin,
        _ => Stranger,
    };
}
