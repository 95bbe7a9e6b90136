using TaskOrchestration.Application.Engine;
using static TaskOrchestration.Application.UnitTests.Support.People;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.UnitTests.Engine;

/// <summary>The engine's decisions (RunPolicy), on tasks in memory: what TaskQueue then writes is tested on PostgreSQL.</summary>
public sealed class RunPolicyTests
{
    private const string Worker = "worker-1";
    private static readonly RetryBackoff Backoff = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    /// <summary>Draws the top of the jitter range: a retry waits exactly the nominal delay.</summary>
    private sealed class Top : Random
    {
        public override double NextDouble() => 1;
    }

    private static RunPolicy Policy(int maxRunningPerCreator = 0) => new(Backoff, maxRunningPerCreator, new Top());

    private static TaskItem Running(int attempt = 1, int maxAttempts = 3, Actor? creator = null, TaskPriority priority = TaskPriority.Normal, DateTimeOffset? createdAt = null)
    {
        var task = TaskItem.Create("Resize the images", null, priority, null, false, creator ?? Alice, createdAt ?? Now.AddMinutes(-10),
            automation: new TaskAutomation("demo.title-parity", maxAttempts: maxAttempts));
        for (var i = 1; i < attempt; i++)
        {
            task.StartRun(Worker, Now.AddSeconds(30), Now);
            task.FailRun("earlier", Now, Now);
        }

        task.StartRun(Worker, Now.AddSeconds(30), Now);
        return task;
    }

    [Fact]
    public void ASuccess_CompletesTheTask_WithItsOutput()
    {
        var task = Running();

        Policy().RecordOutcome(task, TaskHandlerResult.Success("""{"ok":true}"""), Now);

        Assert.Equal((TaskItemStatus.Done, """{"ok":true}""", (string?)null), (task.Status, task.Result, task.Run.LeasedBy));
    }

    [Fact]
    public void AnOutputTooLongToKeep_FailsForGood_EvenWithAttemptsLeft()
    {
        var task = Running();

        Policy().RecordOutcome(task, TaskHandlerResult.Success(new string('x', TaskItem.ResultMaxLength + 1)), Now);

        Assert.Equal((TaskItemStatus.Failed, RunPolicy.OutputTooLongReason, 1), (task.Status, task.FailureReason, task.Run.AttemptCount));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    public void AFailure_WithAttemptsLeft_RequeuesTheTask_AfterTheBackoffOfTheAttemptThatFailed(int attempt, int seconds)
    {
        var task = Running(attempt);

        Policy().RecordOutcome(task, TaskHandlerResult.Failure("timeout"), Now);

        Assert.Equal((TaskItemStatus.Pending, attempt + 1, Now.AddSeconds(seconds), "timeout"), (task.Status, task.Run.AttemptCount, task.Run.RunAfter, task.FailureReason));
    }

    [Fact]
    public void AFailure_OfTheLastAttempt_FailsForGood()
    {
        var task = Running(attempt: 3, maxAttempts: 3);

        Policy().RecordOutcome(task, TaskHandlerResult.Failure("timeout"), Now);

        Assert.Equal((TaskItemStatus.Failed, 3), (task.Status, task.Run.AttemptCount));
    }

    [Fact]
    public void APermanentFailure_FailsForGood_WithAttemptsLeft()
    {
        var task = Running();

        Policy().RecordOutcome(task, TaskHandlerResult.PermanentFailure("404"), Now);

        Assert.Equal((TaskItemStatus.Failed, 1, "404"), (task.Status, task.Run.AttemptCount, task.FailureReason));
    }

    [Fact]
    public void ALostLease_CountsTheAttempt_AndRequeuesAfterTheBackoff_OrFailsForGoodWithNoneLeft()
    {
        var requeued = Running();
        var dead = Running(attempt: 2, maxAttempts: 2);

        Policy().LoseLease(requeued, Now);
        Policy().LoseLease(dead, Now);

        Assert.Equal((TaskItemStatus.Pending, 2, Now.AddSeconds(10), RunPolicy.LeaseExpiredReason), (requeued.Status, requeued.Run.AttemptCount, requeued.Run.RunAfter, requeued.FailureReason));
        Assert.Equal((TaskItemStatus.Failed, RunPolicy.LeaseExpiredReason), (dead.Status, dead.FailureReason));
    }

    [Fact]
    public void OnlyTheAttemptThatHoldsTheLease_MayChangeTheTask()
    {
        var task = Running(attempt: 2);
        var cancelled = Running();
        cancelled.Cancel(Alice, null, Now);

        Assert.True(RunPolicy.Holds(task, Worker, 2));
        Assert.False(RunPolicy.Holds(task, Worker, 1));
        Assert.False(RunPolicy.Holds(task, "worker-2", 2));
        Assert.False(RunPolicy.Holds(cancelled, Worker, 1));
    }

    [Fact]
    public void Fairness_KeepsEachSubmitterWithinItsRunningLimit_ByPriorityThenAge_CountingThisClaim()
    {
        var policy = Policy(maxRunningPerCreator: 2);
        var aliceOld = Running(createdAt: Now.AddMinutes(-30));
        var aliceUrgent = Running(priority: TaskPriority.Critical);
        var aliceNew = Running(createdAt: Now.AddMinutes(-1));
        var bob = Running(creator: Bob, createdAt: Now.AddMinutes(-2));
        var carol = Running(creator: Carol);
        var running = new Dictionary<(Guid, string), int> { [(Carol.UserId, carol.Kind)] = 2 };

        var kept = policy.WithinFairShare([aliceNew, bob, aliceOld, carol, aliceUrgent], running, slots: 10);

        Assert.Equal([aliceUrgent, aliceOld, bob], kept);
        Assert.Equal(8, policy.CandidatesFor(2));
    }

    [Fact]
    public void WithoutAFairnessLimit_AClaimTakesWhatItLocked_UpToItsSlots()
    {
        var policy = Policy();
        var tasks = Enumerable.Range(0, 4).Select(i => Running(createdAt: Now.AddMinutes(-i))).ToList();

        Assert.Equal(3, policy.CandidatesFor(3));
        Assert.Equal([tasks[3], tasks[2]], policy.WithinFairShare(tasks, new Dictionary<(Guid, string), int>(), slots: 2));
    }
}
