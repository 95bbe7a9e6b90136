using System.Globalization;
using Moq;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Scheduling;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Application.Notifications.DailySummary;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;

namespace TaskOrchestration.Application.UnitTests.Notifications;

/// <summary>The daily summary's period (from the schedule's previous slot to this one) and its dates, in the schedule's time zone.</summary>
public sealed class DailySummaryJobTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly NotificationPerson Ada = new(Guid.NewGuid(), "Ada", "ada@example.com", IsActive: true, new Dictionary<EventType, NotificationChannels>());
    private readonly Mock<IDailySummaryReader> _reader = new();
    private readonly Mock<INotificationRepository> _notifications = new();
    private readonly Mock<IEmailOutbox> _emails = new();

    public DailySummaryJobTests()
    {
        _reader.Setup(reader => reader.PeopleAsync(null, DailySummaryJob.PeoplePerBatch, It.IsAny<CancellationToken>())).ReturnsAsync([Ada]);
        _reader.Setup(reader => reader.OpenTasksAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _reader.Setup(reader => reader.CompletedTasksAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new SummaryTask(Ada.Id, Guid.NewGuid(), "Ship it", null)]);
        _notifications.Setup(notifications => notifications.RecipientsOfAsync(It.IsAny<Guid>(), It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new HashSet<Guid>());
        _emails.Setup(emails => emails.ExistingAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<CancellationToken>())).ReturnsAsync(new HashSet<Guid>());
    }

    [Theory]
    [InlineData("2026-03-29T06:00:00Z", "2026-03-28T07:00:00Z")] // 08:00 in Berlin on the last Sunday of March: 23 hours after Saturday's
    [InlineData("2026-10-25T07:00:00Z", "2026-10-24T06:00:00Z")] // 08:00 in Berlin on the last Sunday of October: 25 hours after Saturday's
    public async Task TheCompletionsReported_AreThoseSinceThePreviousSlot_NotOfThe24HoursBefore(string slot, string previous)
    {
        var at = Instant(slot);
        var since = Instant(previous);

        await Job().RunAsync(new ScheduledSlot(at, since, Berlin), CancellationToken.None);

        _reader.Verify(reader => reader.CompletedTasksAsync(It.IsAny<IReadOnlyCollection<Guid>>(), since, at, It.IsAny<CancellationToken>()), Times.Once);
        _reader.Verify(reader => reader.CompletedTasksAsync(It.IsAny<IReadOnlyCollection<Guid>>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task WithoutAPreviousSlot_TheDayBeforeIsReported()
    {
        var at = Instant("2026-11-23T07:00:00Z");

        await Job().RunAsync(new ScheduledSlot(at, Previous: null, Berlin), CancellationToken.None);

        _reader.Verify(reader => reader.CompletedTasksAsync(It.IsAny<IReadOnlyCollection<Guid>>(), at.AddDays(-1), at, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void TheText_WritesItsDatesInTheSchedulesTimeZone_AndNamesIt()
    {
        // Sunday 29 March 2026, 08:00 in Berlin (06:00 UTC); the previous slot was Saturday's 08:00 (07:00 UTC).
        var period = new SummaryPeriod(Instant("2026-03-28T07:00:00Z"), Instant("2026-03-29T06:00:00Z"), Berlin);
        SummaryTask[] open =
        [
            // Half past midnight in Berlin, the day after the UTC date, in winter time (+1) and in summer time (+2).
            new(Ada.Id, Guid.NewGuid(), "Late", Instant("2026-03-28T23:30:00Z")),
            new(Ada.Id, Guid.NewGuid(), "Soon", Instant("2026-03-30T22:30:00Z")),
        ];

        var text = DailySummaryText.For(open, [new SummaryTask(Ada.Id, Guid.NewGuid(), "Ship it", null)], period);

        Assert.Equal(
            "Open (2, 1 overdue):\n- \"Late\" (overdue since 2026-03-29)\n- \"Soon\" (due 2026-03-31)\n\nCompleted since 2026-03-28 08:00 Europe/Berlin (1):\n- \"Ship it\"",
            text?.Body);
    }

    private static DateTimeOffset Instant(string utc) => DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private DailySummaryJob Job() => new(_reader.Object, _notifications.Object, _emails.Object, Mock.Of<IUnitOfWork>());
}
