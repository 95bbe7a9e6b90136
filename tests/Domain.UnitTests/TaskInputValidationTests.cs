using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Domain.UnitTests.People;

namespace TaskOrchestration.Domain.UnitTests;

/// <summary>The texts that transitions carry (result, failure reason, cancel reason) are checked before anything changes.</summary>
public sealed class TaskInputValidationTests
{
    public static readonly TheoryData<string> MissingOrOversizedFailureReasons = new()
    {
        string.Empty,
        " ",
        "  \t\n ",
        new string('x', TaskItem.ReasonMaxLength + 1),
    };

    [Theory]
    [MemberData(nameof(MissingOrOversizedFailureReasons))]
    public void Fail_ReasonMissingOrOver2000Chars_IsRefusedAsFailureReasonRequiredAndChangesNothing(string reason)
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);

        TaskAssert.RefusedWithoutChange(task, () => task.Fail(Owner, reason, Clock.Now), "failure_reason_required", ErrorKind.Validation);
    }

    [Fact]
    public void Fail_NullReason_IsRefusedAsFailureReasonRequiredAndChangesNothing()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);

        TaskAssert.RefusedWithoutChange(task, () => task.Fail(Owner, null!, Clock.Now), "failure_reason_required", ErrorKind.Validation);
    }

    [Fact]
    public void Fail_ReasonOf2000Chars_IsAccepted()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);
        var reason = new string('x', 2_000);

        task.Fail(Owner, reason, Clock.Now);

        Assert.Equal((TaskItemStatus.Failed, reason), (task.Status, task.FailureReason));
    }

    [Fact]
    public void Complete_ResultOver10000Chars_IsRefusedAsInvalidResultAndChangesNothing()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);

        TaskAssert.RefusedWithoutChange(task, () => task.Complete(Owner, new string('x', 10_001), Clock.Now), "invalid_result", ErrorKind.Validation);
    }

    [Fact]
    public void Complete_ResultOf10000Chars_IsAccepted()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);
        var result = new string('x', 10_000);

        task.Complete(Owner, result, Clock.Now);

        Assert.Equal((TaskItemStatus.Done, result), (task.Status, task.Result));
    }

    [Fact]
    public void Cancel_ReasonOver2000Chars_IsRefusedAsInvalidReasonAndChangesNothing()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);

        TaskAssert.RefusedWithoutChange(task, () => task.Cancel(Creator, new string('x', 2_001), Clock.Now), "invalid_reason", ErrorKind.Validation);
    }

    [Fact]
    public void Cancel_ReasonOf2000Chars_IsAccepted()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Pending);
        var reason = new string('x', 2_000);

        task.Cancel(Creator, reason, Clock.Now);

        Assert.Equal((TaskItemStatus.Cancelled, reason), (task.Status, task.History.Last().Reason));
    }
}
