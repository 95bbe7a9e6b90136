using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Domain.UnitTests;

public sealed class CancelledTaskTests
{
    [Fact]
    public void TakingATaskCancelledWhileRunning_IsAnInvalidTransition_NotAlreadyTaken()
    {
        var task = TaskBuilder.InStatus(TaskItemStatus.Running);
        task.Cancel(People.Creator, "Called off", Clock.Now);

        var error = Assert.Throws<DomainException>(() => task.Take(People.Stranger, Clock.Later)).Error;

        Assert.Equal("invalid_transition", error.Code);
        Assert.Equal(TaskItemStatus.Cancelled, task.Status);
    }
}
