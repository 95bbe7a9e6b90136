using Microsoft.Extensions.Time.Testing;
using Moq;
using TaskOrchestration.Application.Cleanup;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Scheduling;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Jobs;

/// <summary>The cleanup job's loop: each kind of row with its own cutoff, deleted batch after batch until a batch comes back short.</summary>
public sealed class CleanupJobTests
{
    // The job goes by its clock, not by the slot it runs for.
    private static readonly ScheduledSlot Slot = new(Now, Previous: null, TimeZoneInfo.Utc);
    private readonly Mock<IRetentionStore> _store = new();

    [Fact]
    public async Task DeletesEachKind_UpToItsCutoff_BatchAfterBatch()
    {
        var settings = new CleanupSettings
        {
            ArchivedTaskRetention = TimeSpan.FromDays(30),
            ProcessedEventRetention = TimeSpan.FromDays(7),
            NotificationRetention = TimeSpan.FromDays(90),
            EmailRetention = TimeSpan.FromDays(20),
            WebhookDeliveryRetention = TimeSpan.FromDays(10),
            ScheduleRunRetention = TimeSpan.FromDays(3),
        };
        _store.SetupSequence(store => store.DeleteArchivedTasksAsync(Now.AddDays(-30), CleanupJob.TaskBatchSize, It.IsAny<CancellationToken>()))
            .ReturnsAsync(CleanupJob.TaskBatchSize)
            .ReturnsAsync(CleanupJob.TaskBatchSize)
            .ReturnsAsync(5);
        _store.SetupSequence(store => store.DeleteProcessedEventsAsync(Now.AddDays(-7), CleanupJob.RowBatchSize, It.IsAny<CancellationToken>()))
            .ReturnsAsync(CleanupJob.RowBatchSize)
            .ReturnsAsync(0);
        _store.Setup(store => store.DeleteConsumptionRecordsAsync(Now.AddDays(-7), CleanupJob.RowBatchSize, It.IsAny<CancellationToken>())).ReturnsAsync(12);
        _store.Setup(store => store.DeleteNotificationsAsync(Now.AddDays(-90), CleanupJob.RowBatchSize, It.IsAny<CancellationToken>())).ReturnsAsync(7);
        _store.Setup(store => store.DeleteFinishedEmailsAsync(Now.AddDays(-20), CleanupJob.RowBatchSize, It.IsAny<CancellationToken>())).ReturnsAsync(4);
        _store.Setup(store => store.DeleteFinishedWebhookDeliveriesAsync(Now.AddDays(-10), CleanupJob.RowBatchSize, It.IsAny<CancellationToken>())).ReturnsAsync(2);
        _store.Setup(store => store.DeleteExpiredIdempotencyKeysAsync(Now, CleanupJob.RowBatchSize, It.IsAny<CancellationToken>())).ReturnsAsync(3);
        _store.Setup(store => store.DeleteScheduleRunsAsync(Now.AddDays(-3), CleanupJob.RowBatchSize, It.IsAny<CancellationToken>())).ReturnsAsync(0);

        var summary = await new CleanupJob(_store.Object, settings, new FakeTimeProvider(Now)).RunAsync(Slot, CancellationToken.None);

        Assert.Equal("Deleted 205 archived tasks, 1000 processed events, 12 consumption records, 7 notifications, 4 finished emails, 2 finished webhook deliveries, 3 expired idempotency keys, 0 schedule runs.", summary.Text);
        Assert.Equal(205 + 1000 + 12 + 7 + 4 + 2 + 3, summary.Changes);
        _store.Verify(store => store.DeleteArchivedTasksAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
        _store.Verify(store => store.DeleteProcessedEventsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        _store.Verify(store => store.DeleteConsumptionRecordsAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ACancelledRun_StopsBetweenBatches()
    {
        using var cancellation = new CancellationTokenSource();
        _store.Setup(store => store.DeleteArchivedTasksAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(CleanupJob.TaskBatchSize)
            .Callback(cancellation.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new CleanupJob(_store.Object, new CleanupSettings(), new FakeTimeProvider(Now)).RunAsync(Slot, cancellation.Token));

        _store.Verify(store => store.DeleteArchivedTasksAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
