using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application;
using TaskOrchestration.Application.Common.Scheduling;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Application.Notifications.DailySummary;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Scheduling;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Notifications;

/// <summary>The daily summary job, run directly against PostgreSQL as the scheduler would run one slot.</summary>
public sealed class DailySummaryJobTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly DateTimeOffset Slot = Now.AddDays(1);

    [Fact]
    public async Task EachPerson_GetsTheirOpenTasks_TheOverdueCount_AndWhatWasCompleted_AsTheirPreferenceAsks()
    {
        var ada = await AddPersonAsync("Ada");
        var bo = await AddPersonAsync("Bo");
        var manager = await AddPersonAsync("Max", UserRole.Manager);
        // Ada owns an overdue running task, is assigned a pending one due later, and created one Bo completed today.
        await AddTaskAsync(ada.AsActor(), title: "Fix the build", dueDate: Slot.AddHours(-2), walk: task => task.Take(ada.AsActor(), Now));
        await AddTaskAsync(manager.AsActor(), title: "Plan the sprint", dueDate: Slot.AddDays(3), walk: task => task.AssignTo([ada.Id], manager.AsActor(), Now));
        var notes = await AddTaskAsync(ada.AsActor(), title: "Write the release notes");
        await ChangeAsync(notes.Id, task => task.Take(bo.AsActor(), Now.AddHours(1)));
        await ChangeAsync(notes.Id, task => task.Complete(bo.AsActor(), null, Slot.AddHours(-3)));
        // Not in anyone's summary: completed two days before the slot, archived, cancelled.
        await AddTaskAsync(ada.AsActor(), title: "Old news", createdAt: Now.AddDays(-3), walk: task =>
        {
            task.Take(ada.AsActor(), Now.AddDays(-3));
            task.Complete(ada.AsActor(), null, Now.AddDays(-1));
        });
        var archived = await AddTaskAsync(ada.AsActor(), title: "Archived", walk: task => task.Take(ada.AsActor(), Now));
        await ChangeAsync(archived.Id, task => task.Archive(ada.AsActor(), Now));
        await AddTaskAsync(ada.AsActor(), title: "Called off", walk: task => task.Cancel(ada.AsActor(), null, Now));

        Assert.Equal("summaries: 2 in the inbox, 2 by email", await RunAsync(Slot));

        var summaries = await ColumnAsync<string>("SELECT recipient_id || ' | ' || title || ' | ' || body FROM notifications WHERE type = 'dailySummary' ORDER BY title");
        Assert.Equal(
        [
            $"{bo.Id} | Your daily summary: 0 open tasks, 1 completed | Completed since 2026-11-22 09:00 UTC (1):\n- \"Write the release notes\"",
            $"{ada.Id} | Your daily summary: 2 open tasks (1 overdue), 1 completed | Open (2, 1 overdue):\n- \"Fix the build\" (overdue since 2026-11-23)\n- \"Plan the sprint\" (due 2026-11-26)\n\nCompleted since 2026-11-22 09:00 UTC (1):\n- \"Write the release notes\"",
        ], summaries.OrderBy(summary => summary.StartsWith(ada.Id.ToString(), StringComparison.Ordinal)));
        Assert.Equal(
            [$"{ada.Email} Your daily summary: 2 open tasks (1 overdue), 1 completed", $"{bo.Email} Your daily summary: 0 open tasks, 1 completed"],
            (await ColumnAsync<string>("SELECT to_address || ' ' || subject FROM outgoing_emails")).OrderBy(line => !line.StartsWith(ada.Email, StringComparison.Ordinal)));
        Assert.Equal([DerivedIds.DailySummary(Slot)], await ColumnAsync<Guid>("SELECT DISTINCT event_id FROM notifications"));
    }

    [Fact]
    public async Task NobodyIsSummarised_WithNothingToReport_OrWhoSaidNo_OrWhoIsDeactivated_OrWhoIsNotAPerson()
    {
        var quiet = await AddPersonAsync("Quiet");
        var declined = await AddPersonAsync("Declined");
        var gone = await AddPersonAsync("Gone");
        var inboxOnly = await AddPersonAsync("Inbox only");
        await ChooseAsync(declined.Id, new NotificationChannels(false, false));
        await ChooseAsync(inboxOnly.Id, new NotificationChannels(InApp: true, Email: false));
        await ExecuteAsync("UPDATE users SET deactivated_at = now() WHERE id = @id", ("id", gone.Id));
        foreach (var person in new[] { declined, gone, inboxOnly })
        {
            await AddTaskAsync(person.AsActor(), title: $"{person.DisplayName}'s task", walk: task => task.Take(person.AsActor(), Now));
        }

        // A system user with an open task is no person, and gets no summary.
        await ExecuteAsync("INSERT INTO task_assignees (task_id, user_id, assigned_at) SELECT id, @engine, now() FROM tasks", ("engine", SystemActors.Engine.UserId));

        Assert.Equal("summaries: 1 in the inbox, 0 by email", await RunAsync(Slot));
        Assert.Equal([inboxOnly.Id], await ColumnAsync<Guid>("SELECT recipient_id FROM notifications"));
        Assert.Empty(await ColumnAsync<Guid>("SELECT id FROM outgoing_emails"));
        Assert.DoesNotContain(quiet.Id, await ColumnAsync<Guid>("SELECT recipient_id FROM notifications"));
    }

    [Fact]
    public async Task RunningTheSameSlotTwice_SummarisesEachPersonOnce_AndTheNextSlotAgain()
    {
        var ada = await AddPersonAsync("Ada");
        await AddTaskAsync(ada.AsActor(), title: "Fix the build", walk: task => task.Take(ada.AsActor(), Now));

        Assert.Equal("summaries: 1 in the inbox, 1 by email", await RunAsync(Slot));
        Assert.Equal("summaries: 0 in the inbox, 0 by email", await RunAsync(Slot));
        Assert.Equal(1, (await ColumnAsync<long>("SELECT count(*) FROM notifications"))[0]);
        Assert.Equal(1, (await ColumnAsync<long>("SELECT count(*) FROM outgoing_emails"))[0]);

        Assert.Equal("summaries: 1 in the inbox, 1 by email", await RunAsync(Slot.AddDays(1)));
        Assert.Equal(2, (await ColumnAsync<long>("SELECT count(DISTINCT event_id) FROM notifications WHERE recipient_id = @id", ("id", ada.Id)))[0]);
    }

    [Fact]
    public async Task PeopleArePagedThrough_BeyondOneBatch()
    {
        List<User> people = [];
        for (var i = 0; i < DailySummaryJob.PeoplePerBatch + 5; i++)
        {
            people.Add(await AddPersonAsync($"Person {i}"));
        }

        await using (var db = Database.CreateDbContext())
        {
            foreach (var person in people)
            {
                var task = TaskItem.Create($"Task of {person.DisplayName}", null, TaskPriority.Normal, null, false, person.AsActor(), Now);
                task.Take(person.AsActor(), Now);
                db.Tasks.Add(task);
            }

            await db.SaveChangesAsync();
        }

        Assert.Equal($"summaries: {people.Count} in the inbox, {people.Count} by email", await RunAsync(Slot));
        Assert.Equal(people.Count, (await ColumnAsync<long>("SELECT count(DISTINCT recipient_id) FROM notifications"))[0]);
    }

    [Theory]
    [InlineData("2026-03-28T07:00:00Z")] // 08:00 on Saturday 28 March; Sunday's 08:00 (summer time) is 23 hours later
    [InlineData("2026-10-24T06:00:00Z")] // 08:00 on Saturday 24 October; Sunday's 08:00 (winter time) is 25 hours later
    public async Task AcrossADaylightSavingChange_EachCompletion_IsInTheSummaryOfItsOwnPeriod_Once(string saturday)
    {
        var schedule = Schedule("0 8 * * *", "Europe/Berlin");
        var first = DateTimeOffset.Parse(saturday, CultureInfo.InvariantCulture);
        var second = schedule.NextSlotAfter(first)!.Value;
        var third = schedule.NextSlotAfter(second)!.Value;
        var ada = await AddPersonAsync("Ada");
        // Half an hour on either side of each slot: a 24-hour period would put "Just after Saturday's" in both
        // Saturday's and Sunday's summaries in spring, and in neither in autumn.
        foreach (var (title, completedAt) in new[]
        {
            ("Just before Saturday's", first.AddMinutes(-30)), ("Just after Saturday's", first.AddMinutes(30)),
            ("Just before Sunday's", second.AddMinutes(-30)), ("Just after Sunday's", second.AddMinutes(30)),
            ("Just before Monday's", third.AddMinutes(-30)),
        })
        {
            await AddTaskAsync(ada.AsActor(), title: title, createdAt: first.AddDays(-2), walk: task =>
            {
                task.Take(ada.AsActor(), first.AddDays(-2));
                task.Complete(ada.AsActor(), null, completedAt);
            });
        }

        foreach (var slot in new[] { first, second, third })
        {
            Assert.Equal("summaries: 1 in the inbox, 1 by email", await RunAsync(schedule.ScheduledSlotAt(slot)));
        }

        // Each period starts at the previous 08:00 in Berlin (07:00 or 06:00 UTC: the same calendar day).
        static string Day(DateTimeOffset slot) => slot.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(
        [
            $"Completed since {Day(first.AddDays(-1))} 08:00 Europe/Berlin (1):\n- \"Just before Saturday's\"",
            $"Completed since {Day(first)} 08:00 Europe/Berlin (2):\n- \"Just after Saturday's\"\n- \"Just before Sunday's\"",
            $"Completed since {Day(second)} 08:00 Europe/Berlin (2):\n- \"Just after Sunday's\"\n- \"Just before Monday's\"",
        ], await ColumnAsync<string>("SELECT body FROM notifications WHERE recipient_id = @id ORDER BY created_at", ("id", ada.Id)));
    }

    [Fact]
    public async Task Dates_AreWrittenInTheSchedulesTimeZone()
    {
        var schedule = Schedule("0 8 * * *", "Europe/Berlin");
        var slot = new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
        var ada = await AddPersonAsync("Ada");
        // 23:30 UTC on the 23rd is 00:30 on the 24th in Berlin.
        await AddTaskAsync(ada.AsActor(), title: "Due at midnight", dueDate: new DateTimeOffset(2026, 11, 23, 23, 30, 0, TimeSpan.Zero), walk: task => task.Take(ada.AsActor(), Now));

        await RunAsync(schedule.ScheduledSlotAt(slot));

        Assert.Equal(["Open (1):\n- \"Due at midnight\" (due 2026-11-24)"], await ColumnAsync<string>("SELECT body FROM notifications"));
    }

    // The daily summary at 09:00 UTC, the time of the tests' Slot.
    private Task<string> RunAsync(DateTimeOffset slot) => RunAsync(Schedule("0 9 * * *", "UTC").ScheduledSlotAt(slot));

    private static JobSchedule Schedule(string cron, string timeZone) =>
        JobSchedule.TryParse(DailySummaryJob.JobName, new JobScheduleOptions { Cron = cron, TimeZone = timeZone }, out var error)
        ?? throw new InvalidOperationException(error);

    private async Task<string> RunAsync(ScheduledSlot slot)
    {
        using var provider = InfrastructureServices.Build(
            new Dictionary<string, string?> { ["ConnectionStrings:Default"] = Database.ConnectionString },
            configure: services =>
            {
                services.AddSingleton<TimeProvider>(new FakeTimeProvider(slot.At));
                services.AddScheduledJob<DailySummaryJob>(DailySummaryJob.JobName);
            });
        await using var scope = provider.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredKeyedService<IScheduledJob>(DailySummaryJob.JobName);
        return (await job.RunAsync(slot, CancellationToken.None)).Text;
    }

    private Task ChooseAsync(Guid userId, NotificationChannels channels) => ChooseAsync(userId, EventType.DailySummary, channels);
}
