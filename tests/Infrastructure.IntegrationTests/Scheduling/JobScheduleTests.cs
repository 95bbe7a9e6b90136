using TaskOrchestration.Infrastructure.Scheduling;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Scheduling;

/// <summary>Which slot is due: cron expressions in their time zone, across daylight-saving changes, missed slots collapsed.</summary>
public sealed class JobScheduleTests
{
    [Fact]
    public void TheDueSlot_IsTheLatestAtOrBeforeNow_AndTheNextOneFollowsIt()
    {
        var schedule = Parse("*/5 * * * *");

        Assert.Equal(Utc(2026, 11, 22, 9, 5), schedule.LatestSlotAtOrBefore(Utc(2026, 11, 22, 9, 7, 30)));
        Assert.Equal(Utc(2026, 11, 22, 9, 5), schedule.LatestSlotAtOrBefore(Utc(2026, 11, 22, 9, 5)));
        Assert.Equal(Utc(2026, 11, 22, 9, 0), schedule.LatestSlotAtOrBefore(Utc(2026, 11, 22, 9, 4, 59)));
        Assert.Equal(Utc(2026, 11, 22, 9, 10), schedule.NextSlotAfter(Utc(2026, 11, 22, 9, 5)));
    }

    [Fact]
    public void MissedSlots_CollapseIntoTheLatest()
    {
        var everyFiveMinutes = Parse("*/5 * * * *");
        var daily = Parse("0 3 * * *");

        // Every worker was down from 08:56 to 09:17 (four slots), or for three days: one slot is due, the latest.
        Assert.Equal(Utc(2026, 11, 22, 9, 15), everyFiveMinutes.LatestSlotAtOrBefore(Utc(2026, 11, 22, 9, 17)));
        Assert.Equal(Utc(2026, 11, 25, 3, 0), daily.LatestSlotAtOrBefore(Utc(2026, 11, 25, 14, 0)));
    }

    [Fact]
    public void ATimeZone_PlacesTheSlots_WithItsOffsetOfTheSeason()
    {
        var eightInParis = Parse("0 8 * * *", "Europe/Paris");

        Assert.Equal(Utc(2026, 1, 10, 7, 0), eightInParis.LatestSlotAtOrBefore(Utc(2026, 1, 10, 12, 0)));
        Assert.Equal(Utc(2026, 7, 10, 6, 0), eightInParis.LatestSlotAtOrBefore(Utc(2026, 7, 10, 12, 0)));
        Assert.Equal(Utc(2026, 7, 11, 6, 0), eightInParis.NextSlotAfter(Utc(2026, 7, 10, 12, 0)));
        Assert.Equal(TimeSpan.Zero, eightInParis.LatestSlotAtOrBefore(Utc(2026, 7, 10, 12, 0))!.Value.Offset);
    }

    [Fact]
    public void InSpring_ATimeTheClockSkips_RunsOnceAtTheFirstInstantAfterIt()
    {
        // Paris, 29 March 2026: 02:00 becomes 03:00, so there is no 02:30 that day.
        var halfPastTwo = Parse("30 2 * * *", "Europe/Paris");

        Assert.Equal(Utc(2026, 3, 28, 1, 30), halfPastTwo.LatestSlotAtOrBefore(Utc(2026, 3, 28, 23, 0)));
        Assert.Equal(Utc(2026, 3, 29, 1, 0), halfPastTwo.NextSlotAfter(Utc(2026, 3, 28, 23, 0)));
        Assert.Equal(Utc(2026, 3, 29, 1, 0), halfPastTwo.LatestSlotAtOrBefore(Utc(2026, 3, 29, 12, 0)));
        Assert.Equal(Utc(2026, 3, 30, 0, 30), halfPastTwo.NextSlotAfter(Utc(2026, 3, 29, 12, 0)));
    }

    [Fact]
    public void InAutumn_ATimeTheClockRepeats_RunsOnce()
    {
        // Paris, 25 October 2026: 03:00 becomes 02:00 again, so 02:30 happens at 00:30 and at 01:30 UTC.
        var halfPastTwo = Parse("30 2 * * *", "Europe/Paris");

        Assert.Equal(Utc(2026, 10, 25, 0, 30), halfPastTwo.LatestSlotAtOrBefore(Utc(2026, 10, 25, 1, 45)));
        Assert.Equal(Utc(2026, 10, 26, 1, 30), halfPastTwo.NextSlotAfter(Utc(2026, 10, 25, 0, 30)));
    }

    [Fact]
    public void SixFields_CountSeconds()
    {
        var everySecond = Parse("* * * * * *");

        Assert.Equal(Utc(2026, 11, 22, 9, 0, 7), everySecond.LatestSlotAtOrBefore(Utc(2026, 11, 22, 9, 0, 7).AddMilliseconds(400)));
        Assert.Equal(Utc(2026, 11, 22, 9, 0, 8), everySecond.NextSlotAfter(Utc(2026, 11, 22, 9, 0, 7)));
    }

    [Fact]
    public void ARareSlot_IsFoundYearsBack()
    {
        var leapDay = Parse("0 0 29 2 *");
        var dense = Parse("* 3 * * *");

        Assert.Equal(Utc(2024, 2, 29, 0, 0), leapDay.LatestSlotAtOrBefore(Utc(2027, 6, 1, 0, 0)));
        // Sixty slots a day, all within one hour: the last of them, twenty hours back.
        Assert.Equal(Utc(2026, 11, 22, 3, 59), dense.LatestSlotAtOrBefore(Utc(2026, 11, 22, 23, 0)));
    }

    [Fact]
    public void ASlotsPreviousSlot_IsTheScheduledTimeBefore_23HoursBackInSpring_And25InAutumn()
    {
        // Berlin moves its clocks on the last Sundays of March (29 March 2026) and of October (25 October 2026).
        var eightInBerlin = Parse("0 8 * * *", "Europe/Berlin");

        var spring = eightInBerlin.ScheduledSlotAt(Utc(2026, 3, 29, 6, 0));
        var autumn = eightInBerlin.ScheduledSlotAt(Utc(2026, 10, 25, 7, 0));
        var ordinary = eightInBerlin.ScheduledSlotAt(Utc(2026, 11, 23, 7, 0));

        Assert.Equal((Utc(2026, 3, 29, 6, 0), Utc(2026, 3, 28, 7, 0)), (spring.At, spring.Previous));
        Assert.Equal((Utc(2026, 10, 25, 7, 0), Utc(2026, 10, 24, 6, 0)), (autumn.At, autumn.Previous));
        Assert.Equal(Utc(2026, 11, 22, 7, 0), ordinary.Previous);
        Assert.Equal("Europe/Berlin", spring.TimeZone.Id);
    }

    [Fact]
    public void ASlotsPreviousSlot_IsTheOneJustBefore_EvenASecondBefore()
    {
        Assert.Equal(Utc(2026, 11, 22, 9, 0, 6), Parse("* * * * * *").ScheduledSlotAt(Utc(2026, 11, 22, 9, 0, 7)).Previous);
        Assert.Equal(Utc(2024, 2, 29, 0, 0), Parse("0 0 29 2 *").ScheduledSlotAt(Utc(2028, 2, 29, 0, 0)).Previous);
    }

    [Theory]
    [InlineData(null, "UTC", "Schedules:probe:Cron is not set.")]
    [InlineData("61 * * * *", "UTC", "Schedules:probe:Cron '61 * * * *' is not a cron expression")]
    [InlineData("0 3 * * *", "Mars/Olympus_Mons", "Schedules:probe:TimeZone 'Mars/Olympus_Mons' is not a known IANA time zone.")]
    [InlineData("0 3 * * *", "", "Schedules:probe:TimeZone is empty")]
    public void AWrongSchedule_IsRefused_SayingWhatIsWrong(string? cron, string timeZone, string expected)
    {
        var schedule = JobSchedule.TryParse("probe", new JobScheduleOptions { Cron = cron, TimeZone = timeZone }, out var error);

        Assert.Null(schedule);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    private static JobSchedule Parse(string cron, string timeZone = "UTC") =>
        JobSchedule.TryParse("probe", new JobScheduleOptions { Cron = cron, TimeZone = timeZone }, out var error) ?? throw new InvalidOperationException(error);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);
}
