using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Scheduling;
using TaskOrchestration.Application.Tasks.Jobs;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Jobs;

/// <summary>The overdue job's loop: batch by batch through the unit of work, a collision read again, never a loop without end.</summary>
public sealed class OverdueDetectionJobTests
{
    // The job goes by its clock, not by the slot it runs for.
    private static readonly ScheduledSlot Slot = new(Now, Previous: null, TimeZoneInfo.Utc);
    private readonly Mock<ITaskRepository> _tasks = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly FakeTimeProvider _clock = new(Now);

    [Fact]
    public async Task FlagsWhatTheRepositoryFinds_SavingEachBatch_UntilABatchIsNotFull()
    {
        var first = PastDue(OverdueDetectionJob.BatchSize);
        var second = PastDue(3);
        _tasks.SetupSequence(tasks => tasks.ListUnflaggedOverdueAsync(Now, OverdueDetectionJob.BatchSize, It.IsAny<CancellationToken>()))
            .ReturnsAsync(first)
            .ReturnsAsync(second);

        var summary = await Job().RunAsync(Slot, CancellationToken.None);

        Assert.Equal(new JobRunSummary("103 tasks flagged overdue.", 103), summary);
        Assert.All(first.Concat(second), task => Assert.Equal(Now, task.OverdueFlaggedAt));
        _unitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
        _unitOfWork.Verify(unitOfWork => unitOfWork.DiscardChanges(), Times.Exactly(2));
        _tasks.Verify(tasks => tasks.ListUnflaggedOverdueAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task ABatchThatCollidesWithAnEdit_IsReadAgain_AndCountedOnce()
    {
        var stale = PastDue(2);
        var fresh = PastDue(2);
        _tasks.SetupSequence(tasks => tasks.ListUnflaggedOverdueAsync(Now, OverdueDetectionJob.BatchSize, It.IsAny<CancellationToken>()))
            .ReturnsAsync(stale)
            .ReturnsAsync(fresh);
        _unitOfWork.SetupSequence(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(ConflictException.Concurrency())
            .Returns(Task.CompletedTask);

        var summary = await Job().RunAsync(Slot, CancellationToken.None);

        Assert.Equal(new JobRunSummary("2 tasks flagged overdue.", 2), summary);
        _unitOfWork.Verify(unitOfWork => unitOfWork.DiscardChanges(), Times.Exactly(2));
    }

    [Fact]
    public async Task CollisionsThatDoNotStop_FailTheRun()
    {
        _tasks.Setup(tasks => tasks.ListUnflaggedOverdueAsync(Now, OverdueDetectionJob.BatchSize, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => PastDue(1));
        _unitOfWork.Setup(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(ConflictException.Concurrency());

        await Assert.ThrowsAsync<ConflictException>(() => Job().RunAsync(Slot, CancellationToken.None));

        _unitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(5));
    }

    [Fact]
    public async Task ATaskTheRepositoryFindsButTheTaskRefuses_FailsTheRun_RatherThanReadingItForever()
    {
        var flaggedAlready = PastDue(1);
        flaggedAlready[0].FlagOverdue(Now);
        _tasks.Setup(tasks => tasks.ListUnflaggedOverdueAsync(Now, OverdueDetectionJob.BatchSize, It.IsAny<CancellationToken>())).ReturnsAsync(flaggedAlready);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Job().RunAsync(Slot, CancellationToken.None));

        _unitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public void ItIsRegistered_UnderItsConfigurationKey()
    {
        var services = new ServiceCollection().AddApplication();

        Assert.Contains(new ScheduledJobName("overdue-detection"), services.Select(service => service.ImplementationInstance));
        Assert.Contains(services, service => service.IsKeyedService && Equals(service.ServiceKey, "overdue-detection")
            && service.ServiceType == typeof(IScheduledJob) && service.KeyedImplementationType == typeof(OverdueDetectionJob));
    }

    private OverdueDetectionJob Job() => new(_tasks.Object, _unitOfWork.Object, _clock);

    private static List<TaskItem> PastDue(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => TaskItem.Create("Due yesterday", null, TaskPriority.Normal, Now.AddDays(-1), false, Alice, Now.AddDays(-2)))];
}
