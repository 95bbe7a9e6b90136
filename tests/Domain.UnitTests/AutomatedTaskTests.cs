using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>Automated tasks: the engine runs them through the same lifecycle, people cannot; attempts, requeues and the dead state.</summary>
public sealed class AutomatedTaskTests
{
    private const string Worker = "worker-1";
    private static readonly DateTimeOffset LeaseUntil = Clock.Taken.AddSeconds(30);
    private static readonly DateTimeOffset RetryAt = Clock.Now.AddSeconds(20);

    private static TaskItem Automated(int maxAttempts = 3, string? input = """{"url":"https://example.com"}""", DateTimeOffset? runAfter = null) =>
        TaskItem.Create(TaskBuilder.Title, null, TaskPriority.High, null, false, People.Creator, Clock.Created,
            automation: new TaskAutomation("demo.title-parity", input, maxAttempts, runAfter));

    private static TaskItem Running(int maxAttempts = 3)
    {
        var task = Automated(maxAttempts);
        task.StartRun(Worker, LeaseUntil, Clock.Taken);
        return task;
    }

    [Fact]
    public void Create_KeepsKindInputAttemptsAndRunAfter_AndAManualTaskHasOneAttempt()
    {
        var task = Automated(maxAttempts: 5, runAfter: Clock.Later);
        var manual = TaskBuilder.New();

        Assert.Equal(("demo.title-parity", """{"url":"https://example.com"}""", 5, Clock.Later, true), (task.Kind, task.Run.Input, task.Run.MaxAttempts, task.Run.RunAfter, task.IsAutomated));
        Assert.Equal((TaskAutomation.ManualKind, (string?)null, 1, false), (manual.Kind, manual.Run.Input, manual.Run.MaxAttempts, manual.IsAutomated));
    }

    [Theory]
    [InlineData("", 3, null, "invalid_kind")]
    [InlineData("manual", 3, null, "invalid_kind")]
    [InlineData("Demo.Upper", 3, null, "invalid_kind")]
    [InlineData(".starts-with-dot", 3, null, "invalid_kind")]
    [InlineData("has space", 3, null, "invalid_kind")]
    [InlineData("demo.ok", 0, null, "invalid_max_attempts")]
    [InlineData("demo.ok", 101, null, "invalid_max_attempts")]
    [InlineData("demo.ok", 3, "{not json", "invalid_input")]
    public void Automation_RefusesWhatIsNotValid(string kind, int maxAttempts, string? input, string code)
    {
        var error = Assert.Throws<DomainException>(() => new TaskAutomation(kind, input, maxAttempts)).Error;

        Assert.Equal((code, ErrorKind.Validation), (error.Code, error.Kind));
    }

    [Fact]
    public void Automation_RefusesInputOver64KiB_AndTakesAnyJsonValue()
    {
        Assert.Equal("invalid_input", Assert.Throws<DomainException>(() => new TaskAutomation("demo.ok", $"\"{new string('x', 64 * 1024)}\"")).Error.Code);
        Assert.Equal("[1,2]", new TaskAutomation("demo.ok", "[1,2]").Input);
        Assert.Equal(new string('a', TaskAutomation.KindMaxLength), new TaskAutomation(new string('a', TaskAutomation.KindMaxLength)).Kind);
    }

    [Theory]
    [InlineData(Who.Creator)]
    [InlineData(Who.Stranger)]
    [InlineData(Who.Manager)]
    [InlineData(Who.Admin)]
    public void People_CannotTakeAnAutomatedTask(Who who)
    {
        var task = Automated();

        TaskAssert.RefusedWithoutChange(task, () => task.Take(People.Of(who), Clock.Now), TaskErrors.AutomatedTaskCode, ErrorKind.Conflict);
        Assert.DoesNotContain(TaskTrigger.Take, task.PermittedTriggers(People.Of(who)));
    }

    [Fact]
    public void TheEngine_CannotRunAManualTask()
    {
        var task = TaskBuilder.New();

        TaskAssert.RefusedWithoutChange(task, () => task.StartRun(Worker, LeaseUntil, Clock.Now), TaskErrors.AutomatedTaskCode, ErrorKind.Conflict);
    }

    [Fact]
    public void StartRun_TakesTheTaskAsTheEngine_WithALease()
    {
        var task = Automated();
        var before = TaskSnapshot.Of(task);

        task.StartRun(Worker, LeaseUntil, Clock.Taken);

        TaskAssert.Transitioned(task, before, TaskItemStatus.Pending, TaskItemStatus.Running, TaskTrigger.Take, SystemActors.Engine, Clock.Taken, null);
        Assert.Equal((SystemActors.Engine.UserId, Worker, LeaseUntil), (task.OwnerId, task.Run.LeasedBy, task.Run.LeaseExpiresAt));
    }

    [Fact]
    public void CompleteRun_KeepsTheOutput_AndEndsTheLease()
    {
        var task = Running();
        var before = TaskSnapshot.Of(task);

        task.CompleteRun("success", Clock.Now);

        TaskAssert.Transitioned(task, before, TaskItemStatus.Running, TaskItemStatus.Done, TaskTrigger.Complete, SystemActors.Engine, Clock.Now, null, result: "success");
        Assert.Equal(("success", (string?)null, (DateTimeOffset?)null), (task.Result, task.Run.LeasedBy, task.Run.LeaseExpiresAt));
    }

    [Fact]
    public void FailRun_WithAttemptsLeft_Requeues_CountingTheAttempt_NotBeforeTheRetryTime()
    {
        var task = Running(maxAttempts: 3);
        var before = TaskSnapshot.Of(task);

        var requeued = task.FailRun("error", RetryAt, Clock.Now);

        Assert.True(requeued);
        TaskAssert.Transitioned(task, before, TaskItemStatus.Running, TaskItemStatus.Pending, TaskTrigger.Requeue, SystemActors.Engine, Clock.Now, "error");
        Assert.Equal((2, RetryAt, "error", (Guid?)null, (string?)null, false), (task.Run.AttemptCount, task.Run.RunAfter, task.FailureReason, task.OwnerId, task.Run.LeasedBy, task.IsDead));
    }

    [Fact]
    public void FailRun_OnTheLastAttempt_FailsForGood_AsDead()
    {
        var task = Running(maxAttempts: 2);
        task.FailRun("first", RetryAt, Clock.Now);
        task.StartRun(Worker, LeaseUntil, Clock.Now);
        var before = TaskSnapshot.Of(task);

        var requeued = task.FailRun("second", RetryAt, Clock.Later);

        Assert.False(requeued);
        TaskAssert.Transitioned(task, before, TaskItemStatus.Running, TaskItemStatus.Failed, TaskTrigger.Fail, SystemActors.Engine, Clock.Later, "second");
        Assert.Equal((2, true, (string?)null), (task.Run.AttemptCount, task.IsDead, task.Run.LeasedBy));
    }

    [Fact]
    public void FailRun_WithoutARetryTime_FailsForGood_EvenWithAttemptsLeft()
    {
        var task = Running(maxAttempts: 5);

        Assert.False(task.FailRun("404 Not Found", retryAt: null, Clock.Now));
        Assert.Equal((TaskItemStatus.Failed, 1, true), (task.Status, task.Run.AttemptCount, task.IsDead));
    }

    [Fact]
    public void FailRun_CutsALongReason_AndNamesAnEmptyOne()
    {
        var task = Running(maxAttempts: 3);
        task.FailRun(new string('x', TaskItem.ReasonMaxLength + 10), RetryAt, Clock.Now);
        Assert.Equal(TaskItem.ReasonMaxLength, task.FailureReason!.Length);

        task.StartRun(Worker, LeaseUntil, Clock.Now);
        task.FailRun("  ", RetryAt, Clock.Later);
        Assert.Equal("The attempt failed.", task.FailureReason);
    }

    [Fact]
    public void Retry_RevivesADeadTask_ForOneMoreAttempt()
    {
        var task = Running(maxAttempts: 1);
        task.FailRun("error", RetryAt, Clock.Now);
        Assert.True(task.IsDead);

        task.Retry(People.Creator, Clock.Later);
        Assert.Equal((TaskItemStatus.Pending, 2, 2, (DateTimeOffset?)null, false), (task.Status, task.Run.AttemptCount, task.Run.MaxAttempts, task.Run.RunAfter, task.IsDead));

        task.StartRun(Worker, LeaseUntil, Clock.Later);
        Assert.False(task.FailRun("again", RetryAt, Clock.Later));
        Assert.True(task.IsDead);
    }

    [Fact]
    public void AbandonRun_GivesTheTaskBack_WithoutCountingTheAttempt()
    {
        var task = Running();
        var before = TaskSnapshot.Of(task);

        task.AbandonRun(Clock.Now);

        TaskAssert.Transitioned(task, before, TaskItemStatus.Running, TaskItemStatus.Pending, TaskTrigger.Release, SystemActors.Engine, Clock.Now, null);
        Assert.Equal((1, (Guid?)null, (string?)null), (task.Run.AttemptCount, task.OwnerId, task.Run.LeasedBy));
    }

    [Fact]
    public void Cancel_ARunningAutomatedTask_EndsItsLease()
    {
        var task = Running();

        task.Cancel(People.Creator, "Not needed", Clock.Now);

        Assert.Equal((TaskItemStatus.Cancelled, (string?)null, (DateTimeOffset?)null), (task.Status, task.Run.LeasedBy, task.Run.LeaseExpiresAt));
    }

    [Fact]
    public void People_CannotFinishARunningAutomatedTask_NorAssignOne()
    {
        var task = Running();

        TaskAssert.RefusedWithoutChange(task, () => task.Complete(People.Creator, null, Clock.Now), TaskErrors.NotOwnerCode, ErrorKind.Forbidden);
        TaskAssert.RefusedWithoutChange(task, () => task.AssignTo([People.Owner.UserId], People.Manager, Clock.Now), TaskErrors.AutomatedTaskCode, ErrorKind.Conflict);
    }

    [Fact]
    public void PermittedTriggers_OfARunningAutomatedTask_AreTheEnginesAndTheCreatorsCancel()
    {
        var task = Running();

        Assert.Equal([TaskTrigger.Complete, TaskTrigger.Fail, TaskTrigger.Release, TaskTrigger.Requeue], task.PermittedTriggers(SystemActors.Engine));
        Assert.Equal([TaskTrigger.Cancel], task.PermittedTriggers(People.Creator));
        Assert.Empty(task.PermittedTriggers(People.Stranger));
    }

    [Fact]
    public void Requeue_IsRefusedOnAManualTask_EvenToItsOwner()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);

        Assert.DoesNotContain(TaskTrigger.Requeue, task.PermittedTriggers(People.Owner));
    }

    [Fact]
    public void ArchiveEndedRun_ArchivesAnEndedAutomatedTask_AsTheEngine()
    {
        var task = Running();
        task.CompleteRun("ok", Clock.Finished);

        task.ArchiveEndedRun(Clock.Later);

        Assert.Equal(Clock.Later, task.ArchivedAt);
        var entry = task.History.Last();
        Assert.Equal((TaskHistoryKind.Archived, SystemActors.Engine.UserId), (entry.Kind, entry.ActorId));
    }

    [Fact]
    public void ArchiveEndedRun_RefusesALiveTask_AndAPersonsTask()
    {
        var running = Running();
        var manual = TaskBuilder.New();

        Assert.Equal("task_not_ended", Assert.Throws<DomainException>(() => running.ArchiveEndedRun(Clock.Later)).Error.Code);
        Assert.Equal("not_creator_or_manager", Assert.Throws<DomainException>(() => manual.ArchiveEndedRun(Clock.Later)).Error.Code);
        Assert.Null(running.ArchivedAt);
        Assert.Null(manual.ArchivedAt);
    }

    [Fact]
    public void ShowHeldBy_ReadsAPendingAutomatedTaskAsRunning_AsAClaimLeftIt_RecordingNothing()
    {
        var held = Automated();
        var claimed = Running();
        var (entries, events) = (held.History.Count, held.DomainEvents.Count);

        held.ShowHeldBy(Worker, LeaseUntil);

        Assert.Equal(
            (claimed.Status, claimed.OwnerId, claimed.Run.LeasedBy, claimed.Run.LeaseExpiresAt, claimed.Run.AttemptCount),
            (held.Status, held.OwnerId, held.Run.LeasedBy, held.Run.LeaseExpiresAt, held.Run.AttemptCount));
        Assert.Equal(claimed.PermittedTriggers(People.Creator), held.PermittedTriggers(People.Creator));
        Assert.Equal((entries, events), (held.History.Count, held.DomainEvents.Count));
    }

    [Fact]
    public void ShowHeldBy_RefusesAManualTask_AndATaskThatIsNotPending()
    {
        var manual = TaskBuilder.New();
        var running = Running();

        Assert.Throws<InvalidOperationException>(() => manual.ShowHeldBy(Worker, LeaseUntil));
        Assert.Throws<InvalidOperationException>(() => running.ShowHeldBy(Worker, LeaseUntil));
        Assert.Equal(TaskItemStatus.Pending, manual.Status);
    }

    [Fact]
    public void Archive_RefusesARunningAutomatedTask_NotAPendingOne_NorAPersonsRunningTask()
    {
        var running = Running();
        var pending = Automated();
        var manual = TaskBuilder.InStatus(TaskItemStatus.Running);

        Assert.Equal(TaskErrors.NotEnded, Assert.Throws<DomainException>(() => running.Archive(People.Creator, Clock.Later)).Error);
        pending.Archive(People.Creator, Clock.Later);
        manual.Archive(People.Creator, Clock.Later);

        Assert.Null(running.ArchivedAt);
        Assert.Equal((Clock.Later, Clock.Later), (pending.ArchivedAt!.Value, manual.ArchivedAt!.Value));
    }
}
