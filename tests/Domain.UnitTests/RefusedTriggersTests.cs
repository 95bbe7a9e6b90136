using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>Why a person may not fire a trigger of the task's status: the code a UI shows beside a disabled button.</summary>
public sealed class RefusedTriggersTests
{
    [Fact]
    public void ARunningTask_RefusesItsOwnersTriggersToTheCreator_AsNotTheOwner()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);

        var refused = task.RefusedTriggers(People.Creator);

        Assert.Equal(
            [
                new RefusedTrigger(TaskTrigger.Complete, TaskErrors.NotOwnerCode),
                new RefusedTrigger(TaskTrigger.Fail, TaskErrors.NotOwnerCode),
                new RefusedTrigger(TaskTrigger.Release, TaskErrors.NotOwnerCode),
                // Its first guard: people's tasks are not requeued, whoever asks.
                new RefusedTrigger(TaskTrigger.Requeue, TaskErrors.AutomatedTaskCode),
            ],
            refused);
    }

    [Fact]
    public void ADraft_RefusesPublishAndCancelToAStranger_AsNotTheCreatorOrAManager()
    {
        var refused = TaskBuilder.InStatus(TaskItemStatus.Draft).RefusedTriggers(People.Stranger);

        Assert.Equal([TaskTrigger.Publish, TaskTrigger.Cancel], refused.Select(refusal => refusal.Trigger));
        Assert.All(refused, refusal => Assert.Equal(TaskErrors.NotCreatorOrManagerCode, refusal.Code));
    }

    [Theory]
    [MemberData(nameof(PermittedTriggersTests.EveryStatusAndPerson), MemberType = typeof(PermittedTriggersTests))]
    public void EveryRefusal_IsTheErrorThatFiringGives_AndNoTriggerIsBothPermittedAndRefused(TaskItemStatus status, Who who)
    {
        var actor = People.Of(who);
        var refused = TaskBuilder.InStatus(status).RefusedTriggers(actor);

        Assert.Empty(refused.Select(refusal => refusal.Trigger).Intersect(TaskBuilder.InStatus(status).PermittedTriggers(actor)));
        foreach (var refusal in refused.Where(refusal => TaskBuilder.PeopleTriggers.Contains(refusal.Trigger)))
        {
            var error = Assert.Throws<DomainException>(() => TaskBuilder.Fire(TaskBuilder.InStatus(status), refusal.Trigger, actor, Clock.Now));
            Assert.Equal(refusal.Code, error.Error.Code);
        }
    }

    [Fact]
    public void AnArchivedTask_RefusesNothingByGuard_ItOffersNothingAtAll()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Draft);
        task.Archive(People.Creator, Clock.Now);

        Assert.Empty(task.RefusedTriggers(People.Stranger));
    }

    [Fact]
    public void ManyThreadsAtOnce_EachGetTheLifecyclesAnswers_ForTheirOwnTasks()
    {
        // One machine per thread, each pointed at the task of its current call: threads must not see each other's.
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, index =>
        {
            var task = TaskBuilder.New();
            var taker = index % 2 == 0 ? People.Owner : People.Stranger;
            task.Take(taker, Clock.Now);
            var refusal = Record.Exception(() => task.Complete(index % 4 < 2 ? taker : People.Creator, "Done", Clock.Now));
            outcomes.Add(refusal is null ? $"{task.Status}" : ((DomainException)refusal).Error.Code);
        });

        Assert.Equal(1_000, outcomes.Count(outcome => outcome == nameof(TaskItemStatus.Done)));
        Assert.Equal(1_000, outcomes.Count(outcome => outcome == TaskErrors.NotOwnerCode));
    }
}
