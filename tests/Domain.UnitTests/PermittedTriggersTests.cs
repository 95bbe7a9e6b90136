using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>What the API offers each person for a task in each status, and that the offer is exactly what Fire allows.</summary>
public sealed class PermittedTriggersTests
{
    private static readonly TaskTrigger[] None = [];

    /// <summary>Tasks from <see cref="TaskBuilder.InStatus"/>: created by the creator, taken by the owner.</summary>
    public static readonly TheoryData<TaskItemStatus, Who, TaskTrigger[]> Expectations = new()
    {
        { TaskItemStatus.Draft, Who.Creator, [TaskTrigger.Publish, TaskTrigger.Cancel] },
        { TaskItemStatus.Draft, Who.Owner, None },
        { TaskItemStatus.Draft, Who.Stranger, None },
        { TaskItemStatus.Draft, Who.Manager, [TaskTrigger.Publish, TaskTrigger.Cancel] },
        { TaskItemStatus.Draft, Who.Admin, [TaskTrigger.Publish, TaskTrigger.Cancel] },

        { TaskItemStatus.Pending, Who.Creator, [TaskTrigger.Take, TaskTrigger.Cancel] },
        { TaskItemStatus.Pending, Who.Owner, [TaskTrigger.Take] },
        { TaskItemStatus.Pending, Who.Stranger, [TaskTrigger.Take] },
        { TaskItemStatus.Pending, Who.Manager, [TaskTrigger.Take, TaskTrigger.Cancel] },
        { TaskItemStatus.Pending, Who.Admin, [TaskTrigger.Take, TaskTrigger.Cancel] },

        { TaskItemStatus.Running, Who.Creator, [TaskTrigger.Cancel] },
        { TaskItemStatus.Running, Who.Owner, [TaskTrigger.Complete, TaskTrigger.Fail, TaskTrigger.Release] },
        { TaskItemStatus.Running, Who.Stranger, None },
        { TaskItemStatus.Running, Who.Manager, [TaskTrigger.Cancel] },
        { TaskItemStatus.Running, Who.Admin, [TaskTrigger.Cancel] },

        { TaskItemStatus.Failed, Who.Creator, [TaskTrigger.Retry] },
        { TaskItemStatus.Failed, Who.Owner, None },
        { TaskItemStatus.Failed, Who.Stranger, None },
        { TaskItemStatus.Failed, Who.Manager, [TaskTrigger.Retry] },
        { TaskItemStatus.Failed, Who.Admin, [TaskTrigger.Retry] },

        { TaskItemStatus.Done, Who.Creator, None },
        { TaskItemStatus.Done, Who.Owner, None },
        { TaskItemStatus.Done, Who.Stranger, None },
        { TaskItemStatus.Done, Who.Manager, None },
        { TaskItemStatus.Done, Who.Admin, None },

        { TaskItemStatus.Cancelled, Who.Creator, None },
        { TaskItemStatus.Cancelled, Who.Owner, None },
        { TaskItemStatus.Cancelled, Who.Stranger, None },
        { TaskItemStatus.Cancelled, Who.Manager, None },
        { TaskItemStatus.Cancelled, Who.Admin, None },
    };

    public static TheoryData<TaskItemStatus, Who> EveryStatusAndPerson()
    {
        var data = new TheoryData<TaskItemStatus, Who>();
        foreach (var status in Enum.GetValues<TaskItemStatus>())
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                data.Add(status, who);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Expectations))]
    public void PermittedTriggers_TaskInStatusForPerson_AreExactlyTheExpectedOnes(TaskItemStatus status, Who who, TaskTrigger[] expected)
    {
        var task = TaskBuilder.InStatus(status);

        Assert.Equal(expected, task.PermittedTriggers(People.Of(who)));
    }

    [Fact]
    public void Expectations_EveryStatusAndPerson_AreEachListedOnce()
    {
        var listed = Expectations.Select(row => ((TaskItemStatus)row[0], (Who)row[1])).ToList();

        Assert.Equal(EveryStatusAndPerson().Select(row => ((TaskItemStatus)row[0], (Who)row[1])).Order(), listed.Order());
    }

    [Theory]
    [InlineData(Who.Creator)]
    [InlineData(Who.Manager)]
    [InlineData(Who.Admin)]
    public void PermittedTriggers_RunningTaskOwnedByCreatorOrManager_AddCancelToTheOwnersTriggers(Who who)
    {
        var actor = People.Of(who);
        var task = TaskBuilder.InStatus(TaskItemStatus.Running, owner: actor);

        Assert.Equal([TaskTrigger.Complete, TaskTrigger.Fail, TaskTrigger.Release, TaskTrigger.Cancel], task.PermittedTriggers(actor));
    }

    [Fact]
    public void PermittedTriggers_FailedTaskOwnedByCreator_AreRetryOnly()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Failed, owner: People.Creator);

        Assert.Equal([TaskTrigger.Retry], task.PermittedTriggers(People.Creator));
    }

    [Theory]
    [MemberData(nameof(EveryStatusAndPerson))]
    public void PermittedTriggers_EveryStatusAndPerson_FireExactlyWhenListed(TaskItemStatus status, Who who)
    {
        var actor = People.Of(who);
        var permitted = TaskBuilder.InStatus(status).PermittedTriggers(actor);

        Assert.DoesNotContain(TaskTrigger.Requeue, permitted);
        foreach (var trigger in TaskBuilder.PeopleTriggers)
        {
            var task = TaskBuilder.InStatus(status);
            var refusal = Record.Exception(() => TaskBuilder.Fire(task, trigger, actor, Clock.Now));

            if (permitted.Contains(trigger))
            {
                Assert.True(refusal is null, $"{trigger} is offered but refused: {refusal?.Message}");
                Assert.Equal(trigger, task.History.Last().Trigger);
            }
            else
            {
                Assert.True(refusal is DomainException, $"{trigger} is not offered but was not refused: {refusal}");
            }
        }
    }
}
