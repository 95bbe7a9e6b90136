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
            $"{bo.Id} | Your daily summary: 0 open tasks, 1 completed | Completed in the last 24 hours (1):\n- \"Write the release notes\"",
            $"{ada.Id} | Your daily summary: 2 open tasks (1 overdue), 1 completed | Open (2, 1 overdue):\n- \"Fix the build\" (overdue since 2026-11-23)\n- \"Plan the sprint\" (due 2026-11-26)\n\nCompleted in the last 24 hours (1):\n- \"Write the release notes\"",
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

    private async Task<string> RunAsync(DateTimeOffset slot)
    {
        using var provider = InfrastructureServices.Build(
            new Dictionary<string, string?> { ["ConnectionStrings:Default"] = Database.ConnectionString },
            configure: services =>
            {
                services.AddSingleton<TimeProvider>(new FakeTimeProvider(slot));
                services.AddScheduledJob<DailySummaryJob>();
            });
        await using var scope = provider.CreateAsyncScope();
        var job = scope.ServiceProvider.GetServices<IScheduledJob>().Single(job => job.Name == "daily-summary");
        return await job.RunAsync(slot, CancellationToken.None);
    }

    private async Task<User> AddPersonAsync(string name, UserRole role = UserRole.Member)
    {
        await using var db = Database.CreateDbContext();
        var user = User.Register($"{Guid.NewGuid():N}@example.com", name, "not-a-real-hash", role, Now);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    private async Task ChooseAsync(Guid userId, NotificationChannels channels)
    {
        await using var db = Database.CreateDbContext();
        db.NotificationPreferences.Add(NotificationPreference.Choose(userId, EventType.DailySummary, channels));
        await db.SaveChangesAsync();
    }
}
