using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Events;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Notifications;

/// <summary>The "notifications" consumer through the real outbox dispatcher, on real PostgreSQL.</summary>
public sealed class NotificationConsumerTests(DatabaseFixture fixture) : DatabaseTest(fixture), IDisposable
{
    // An hour after the changes the tests make, so that their events are due.
    private readonly FakeTimeProvider _clock = new(Now.AddHours(1));
    private readonly List<ServiceProvider> _providers = [];

    [Fact]
    public async Task ThePeopleInvolved_AreToldOfEachChange_NeverTheActor_AndANewTaskTellsNobody()
    {
        var cleo = await AddPersonAsync("Cleo");
        var max = await AddPersonAsync("Max", UserRole.Manager);
        var ada = await AddPersonAsync("Ada");
        var task = await AddTaskAsync(cleo.AsActor(), title: "Write the release notes");
        await DrainAsync();
        Assert.Empty(await InboxAsync());

        await ChangeAsync(task.Id, task => task.AssignTo([ada.Id], max.AsActor(), Now.AddMinutes(1)));
        await ChangeAsync(task.Id, task => task.Take(ada.AsActor(), Now.AddMinutes(2)));
        await ChangeAsync(task.Id, task => task.Complete(ada.AsActor(), "Published", Now.AddMinutes(3)));
        await DrainAsync();

        Assert.Equal(
        [
            $"{ada.Id} taskAssigned Max assigned you to \"Write the release notes\" |",
            $"{cleo.Id} taskAssigned Max changed who \"Write the release notes\" is assigned to |",
            $"{cleo.Id} taskTaken Ada took \"Write the release notes\" |",
            $"{cleo.Id} taskCompleted Ada completed \"Write the release notes\" | Result: Published",
        ], await InboxAsync());
        // Each names its task, its event and its actor, and starts unread.
        Assert.Equal(4, await CountAsync($"SELECT count(*) FROM notifications WHERE task_id = '{task.Id}' AND actor_id IS NOT NULL AND event_id IS NOT NULL AND read_at IS NULL"));
    }

    [Fact]
    public async Task EachPersonsPreferences_DecideBetweenInbox_Email_BothAndNeither()
    {
        var cleo = await AddPersonAsync("Cleo");
        var max = await AddPersonAsync("Max", UserRole.Manager);
        var ada = await AddPersonAsync("Ada");
        var bo = await AddPersonAsync("Bo");
        await ChooseAsync(ada.Id, EventType.TaskAssigned, new NotificationChannels(InApp: false, Email: false));
        await ChooseAsync(cleo.Id, EventType.TaskAssigned, new NotificationChannels(InApp: false, Email: true));
        var task = await AddTaskAsync(cleo.AsActor(), title: "Ship it");

        await ChangeAsync(task.Id, task => task.AssignTo([ada.Id, bo.Id], max.AsActor(), Now.AddMinutes(1)));
        await ChangeAsync(task.Id, task => task.Update("Ship it today", null, null, null, false, max.AsActor(), Now.AddMinutes(2)));
        await DrainAsync();

        // Bo: taskAssigned by default in the inbox and by email; taskUpdated in the inbox only. Cleo: the email she chose,
        // and the default for taskUpdated. Ada: nothing for the assignment, the default for the edit.
        string[] expected =
        [
            $"{bo.Id} taskAssigned Max assigned you to \"Ship it today\" |",
            $"{ada.Id} taskUpdated Max edited \"Ship it today\" | Changed: title",
            $"{bo.Id} taskUpdated Max edited \"Ship it today\" | Changed: title",
            $"{cleo.Id} taskUpdated Max edited \"Ship it today\" | Changed: title",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await InboxAsync()).Order(StringComparer.Ordinal));
        var assigned = await SingleEventIdAsync(task.Id, "taskAssigned");
        string[] emails =
        [
            $"{DerivedIds.Email(assigned, bo.Id)} {bo.Email} Max assigned you to \"Ship it today\"",
            $"{DerivedIds.Email(assigned, cleo.Id)} {cleo.Email} Max changed who \"Ship it today\" is assigned to",
        ];
        Assert.Equal(emails.Order(StringComparer.Ordinal), (await ColumnAsync<string>("SELECT id || ' ' || to_address || ' ' || subject FROM outgoing_emails")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnEventDeliveredAgain_AfterADispatcherDiedBeforeAcknowledgingIt_NotifiesNobodyTwice()
    {
        var cleo = await AddPersonAsync("Cleo");
        var max = await AddPersonAsync("Max", UserRole.Manager);
        var ada = await AddPersonAsync("Ada");
        var task = await AddTaskAsync(cleo.AsActor());
        await DrainAsync();
        await ChangeAsync(task.Id, task => task.AssignTo([ada.Id], max.AsActor(), Now));

        var dying = Dispatcher();
        var claimed = await _providers[^1].GetRequiredService<OutboxStore>().ClaimAsync(10, CancellationToken.None);
        Assert.Empty(await dying.DeliverAsync(claimed, CancellationToken.None));
        // It dies here, before acknowledging: after its worker's lease another dispatcher takes the event back as a
        // lost delivery, and delivers it again after the backoff.
        var survivor = Dispatcher();
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await survivor.DispatchOnceAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await survivor.DispatchOnceAsync(CancellationToken.None));

        Assert.Equal(2, await CountAsync("SELECT count(*) FROM notifications"));
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM outgoing_emails"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL"));
    }

    [Fact]
    public async Task ADeactivatedPerson_IsToldNothing_AndAVanishedTasksEvents_AreSkipped()
    {
        var cleo = await AddPersonAsync("Cleo");
        var max = await AddPersonAsync("Max", UserRole.Manager);
        var ada = await AddPersonAsync("Ada");
        await ExecuteAsync("UPDATE users SET deactivated_at = now() WHERE id = @id", ("id", ada.Id));
        var kept = await AddTaskAsync(cleo.AsActor(), title: "Kept");
        var vanished = await AddTaskAsync(cleo.AsActor(), title: "Vanished");
        await DrainAsync();

        await ChangeAsync(kept.Id, task => task.AssignTo([ada.Id], max.AsActor(), Now));
        await ChangeAsync(vanished.Id, task => task.AssignTo([ada.Id], max.AsActor(), Now));
        await ExecuteAsync("DELETE FROM tasks WHERE id = @id", ("id", vanished.Id));
        await DrainAsync();

        Assert.Equal([$"{cleo.Id} taskAssigned Max changed who \"Kept\" is assigned to |"], await InboxAsync());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL"));
    }

    [Fact]
    public async Task AnAutomatedTask_TellsItsCreator_OfItsDeath_AndNothingOfItsRuns()
    {
        var cleo = await AddPersonAsync("Cleo");
        var dying = await AddAutomatedAsync(cleo, "Nightly import");
        var succeeding = await AddAutomatedAsync(cleo, "Nightly export");
        var queue = Services().GetRequiredService<TaskQueue>();

        var runs = await queue.ClaimAsync(["system.noop"], 10, [], CancellationToken.None);
        await queue.FinishAsync(
        [
            new AttemptOutcome(dying.Id, runs.Single(run => run.TaskId == dying.Id).Attempt, TaskHandlerResult.Failure("the source is down")),
            new AttemptOutcome(succeeding.Id, runs.Single(run => run.TaskId == succeeding.Id).Attempt, TaskHandlerResult.Success("ok")),
        ], CancellationToken.None);
        await DrainAsync();

        Assert.Equal([$"{cleo.Id} taskFailed \"Nightly import\" failed and has no attempts left | Reason: the source is down"], await InboxAsync());
        Assert.Equal([$"{cleo.Email} \"Nightly import\" failed and has no attempts left"], await ColumnAsync<string>("SELECT to_address || ' ' || subject FROM outgoing_emails"));
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private async Task<TaskItem> AddAutomatedAsync(User creator, string title)
    {
        await using var db = Database.CreateDbContext();
        var task = TaskItem.Create(title, null, TaskPriority.Normal, null, false, creator.AsActor(), Now, automation: new TaskAutomation("system.noop", null, 1, null));
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    }

    /// <summary>Every notification as "recipient type title | body", in the order they happened.</summary>
    private Task<List<string>> InboxAsync() =>
        ColumnAsync<string>("SELECT recipient_id || ' ' || type || ' ' || title || ' |' || coalesce(' ' || body, '') FROM notifications ORDER BY created_at, title");

    private async Task<Guid> SingleEventIdAsync(Guid taskId, string type) =>
        (await ColumnAsync<Guid>("SELECT id FROM outbox_messages WHERE task_id = @task AND type = @type", ("task", taskId), ("type", type))).Single();

    private async Task<long> CountAsync(string sql) => (await ColumnAsync<long>(sql))[0];

    private async Task DrainAsync()
    {
        var dispatcher = Dispatcher();
        while (await dispatcher.DispatchOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    private OutboxDispatcher Dispatcher() => Services().GetRequiredService<OutboxDispatcher>();

    private ServiceProvider Services()
    {
        var provider = InfrastructureServices.Build(
            new Dictionary<string, string?> { ["ConnectionStrings:Default"] = Database.ConnectionString },
            configure: services =>
            {
                services.AddSingleton<TimeProvider>(_clock);
                // The consumer maps what it adds for the live channel, as AddApplication sets up in a host.
                services.AddAutoMapper(_ => { }, typeof(NotificationConsumer).Assembly);
                services.AddEventConsumer<NotificationConsumer>();
            });
        _providers.Add(provider);
        return provider;
    }
}
