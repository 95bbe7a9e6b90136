using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>The run state's own rules: the first attempt, the lease, the retry rule, and a person's retry.</summary>
public sealed class TaskRunStateTests
{
    private const string Worker = "worker-1";
    private static readonly DateTimeOffset LeaseUntil = Clock.Now.AddSeconds(30);
    private static readonly DateTimeOffset RetryAt = Clock.Later;

    private static TaskRunState Automated(int maxAttempts = 3) =>
        TaskRunState.First(new TaskAutomation("demo.title-parity", """{"n":1}""", maxAttempts, Clock.Now));

    private static (string? LeasedBy, DateTimeOffset? LeaseExpiresAt) Lease(TaskRunState run) => (run.LeasedBy, run.LeaseExpiresAt);

    [Fact]
    public void First_OfAPersonsTask_IsOneAttempt_WithNoInputRunAfterOrLease()
    {
        var run = TaskRunState.First(null);

        Assert.Equal((1, 1, (string?)null, (DateTimeOffset?)null, (string?)null, (DateTimeOffset?)null), (run.AttemptCount, run.MaxAttempts, run.Input, run.RunAfter, run.LeasedBy, run.LeaseExpiresAt));
    }

    [Fact]
    public void First_OfAnAutomatedTask_TakesTheInputAttemptsAndRunAfter_WithNoLease()
    {
        var run = Automated(maxAttempts: 5);

        Assert.Equal((1, 5, """{"n":1}""", (DateTimeOffset?)Clock.Now, (string?)null), (run.AttemptCount, run.MaxAttempts, run.Input, run.RunAfter, run.LeasedBy));
    }

    [Fact]
    public void StartLease_HoldsTheAttempt_ForThatWorker_AndEndLease_LetsItGo()
    {
        var run = Automated();

        run.StartLease(Worker, LeaseUntil);
        Assert.Equal((Worker, (DateTimeOffset?)LeaseUntil), Lease(run));

        run.EndLease();
        Assert.Equal(((string?)null, (DateTimeOffset?)null), Lease(run));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void StartLease_RefusesAWorkerWithoutAName(string workerId)
    {
        var run = Automated();

        Assert.Throws<ArgumentException>(() => run.StartLease(workerId, LeaseUntil));
        Assert.Null(run.LeasedBy);
    }

    [Fact]
    public void IsLeasedTo_OnlyTheWorkerHoldingTheLease_OnTheCurrentAttempt()
    {
        var run = Automated();
        Assert.False(run.IsLeasedTo(Worker, 1));

        run.StartLease(Worker, LeaseUntil);

        Assert.True(run.IsLeasedTo(Worker, 1));
        Assert.False(run.IsLeasedTo("worker-2", 1));
        Assert.False(run.IsLeasedTo(Worker, 2));
        run.EndLease();
        Assert.False(run.IsLeasedTo(Worker, 1));
    }

    [Fact]
    public void WouldRetry_WithAttemptsLeftAndARetryTime_Only()
    {
        Assert.True(Automated(maxAttempts: 2).WouldRetry(RetryAt));
        Assert.False(Automated(maxAttempts: 2).WouldRetry(retryAt: null));
        Assert.False(Automated(maxAttempts: 1).WouldRetry(RetryAt));
    }

    [Fact]
    public void RecordFailedAttempt_WithAttemptsLeft_CountsTheNextAttempt_DueAtTheRetryTime_AndEndsTheLease()
    {
        var run = Automated(maxAttempts: 2);
        run.StartLease(Worker, LeaseUntil);

        Assert.True(run.RecordFailedAttempt(RetryAt));

        Assert.Equal((2, 2, (DateTimeOffset?)RetryAt), (run.AttemptCount, run.MaxAttempts, run.RunAfter));
        Assert.Equal(((string?)null, (DateTimeOffset?)null), Lease(run));
    }

    [Fact]
    public void RecordFailedAttempt_OnTheLastAttempt_OrWithoutARetryTime_OnlyEndsTheLease()
    {
        var last = Automated(maxAttempts: 1);
        last.StartLease(Worker, LeaseUntil);
        var hopeless = Automated(maxAttempts: 3);
        hopeless.StartLease(Worker, LeaseUntil);

        Assert.False(last.RecordFailedAttempt(RetryAt));
        Assert.False(hopeless.RecordFailedAttempt(retryAt: null));

        Assert.All([last, hopeless], run =>
        {
            Assert.Equal((1, (DateTimeOffset?)Clock.Now), (run.AttemptCount, run.RunAfter));
            Assert.Equal(((string?)null, (DateTimeOffset?)null), Lease(run));
        });
    }

    [Fact]
    public void AllowAnotherAttempt_CountsIt_DueAtOnce_BeyondTheMaximumWhenUsedUp()
    {
        var usedUp = Automated(maxAttempts: 1);
        var attemptsLeft = Automated(maxAttempts: 5);

        usedUp.AllowAnotherAttempt();
        attemptsLeft.AllowAnotherAttempt();

        Assert.Equal((2, 2, (DateTimeOffset?)null), (usedUp.AttemptCount, usedUp.MaxAttempts, usedUp.RunAfter));
        Assert.Equal((2, 5, (DateTimeOffset?)null), (attemptsLeft.AttemptCount, attemptsLeft.MaxAttempts, attemptsLeft.RunAfter));
    }

    [Fact]
    public void ARefusedRun_LeavesTheRunStateAsItWas()
    {
        var pending = TaskItem.Create(TaskBuilder.Title, null, TaskPriority.High, null, false, People.Creator, Clock.Created,
            automation: new TaskAutomation("demo.title-parity", maxAttempts: 3, runAfter: Clock.Now));

        // Not running: neither a failure nor a give-back can be recorded, and the task keeps its attempt and run-after.
        TaskAssert.RefusedWithoutChange(pending, () => pending.FailRun("error", RetryAt, Clock.Later), "invalid_transition", ErrorKind.Conflict);
        TaskAssert.RefusedWithoutChange(pending, () => pending.AbandonRun(Clock.Later), "invalid_transition", ErrorKind.Conflict);
    }
}
