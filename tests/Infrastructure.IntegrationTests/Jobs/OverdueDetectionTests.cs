using AutoMapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Jobs;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Notifications;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Events;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Jobs;

/// <summary>The overdue job end to end on PostgreSQL: what it flags, the events it leaves in the outbox, that it flags once, and who those events notify.</summary>
public sealed class OverdueDetectionTests(DatabaseFixture fixture) : DatabaseTest(fixture), IDisposable
{
    private static readonly DateTimeOffset Due = Now.AddHours(-2);
    private readonly FakeTimeProvider _clock = new(Now);
    private JobServices? _services;

    private JobServices Services => _services ??= new JobServices(Database.ConnectionString, _clock);

    [Fact]
    public async Task OpenLiveTasksPastTheirDueDate_AreFlagged_AsTheListsOverdueFilterFindsThem()
    {
        var creator = await AddUserAsync();
        var draft = await AddTaskAsync(creator, draft: true, dueDate: Due, createdAt: Now.AddDays(-1));
        var pending = await AddTaskAsync(creator, dueDate: Due, createdAt: Now.AddDays(-1));
        var running = await AddTaskAsync(creator, task => task.Take(creator, Now.AddHours(-3)), dueDate: Due, createdAt: Now.AddDays(-1));
        await AddTaskAsync(creator, task => { task.Take(creator, Now.AddHours(-3)); task.Complete(creator, null, Now.AddHours(-1)); }, dueDate: Due);
        await AddTaskAsync(creator, task => { task.Take(creator, Now.AddHours(-3)); task.Fail(creator, "Broken", Now.AddHours(-1)); }, dueDate: Due);
        await AddTaskAsync(creator, task => task.Cancel(creator, null, Now.AddHours(-1)), dueDate: Due);
        await AddTaskAsync(creator, task => task.Archive(creator, Now.AddHours(-1)), dueDate: Due);
        await AddTaskAsync(creator, dueDate: Now.AddMinutes(1));
        await AddTaskAsync(creator);
        var listed = await OverdueInTheListAsync();

        var summary = await Services.RunAsync(OverdueDetectionJob.JobName);

        Assert.Equal("3 tasks flagged overdue.", summary);
        Guid[] expected = [.. new[] { draft.Id, pending.Id, running.Id }.Order()];
        Assert.Equal(expected, listed.Order());
        Assert.Equal(expected, (await ColumnAsync<Guid>("SELECT id FROM tasks WHERE overdue_flagged_at = @now", ("now", Now))).Order());
        Assert.Equal(3, (await ColumnAsync<long>("SELECT count(*) FROM tasks WHERE overdue_flagged_at IS NOT NULL"))[0]);
        Assert.Equal(expected, (await ColumnAsync<Guid>(
            "SELECT task_id FROM task_history WHERE kind = 'overdue' AND actor_id = @scheduler AND occurred_at = @now",
            ("scheduler", SystemActors.Scheduler.UserId),
            ("now", Now))).Order());
    }

    [Fact]
    public async Task EachFlag_PutsATaskOverdueEventInTheOutbox_WithTheDueDate()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator, dueDate: Due);

        await Services.RunAsync(OverdueDetectionJob.JobName);

        var events = await ColumnAsync<string>(
            "SELECT concat_ws(' ', task_id, payload->'actor'->>'kind', payload->'data'->>'dueDate') FROM outbox_messages WHERE type = 'taskOverdue'");
        var parts = Assert.Single(events).Split(' ');
        Assert.Equal((task.Id.ToString(), "scheduler"), (parts[0], parts[1]));
        Assert.Equal(Due, DateTimeOffset.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task ASecondRun_FlagsNothingAgain_UntilTheDueDateChanges()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator, dueDate: Due);
        await Services.RunAsync(OverdueDetectionJob.JobName);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("0 tasks flagged overdue.", await Services.RunAsync(OverdueDetectionJob.JobName));
        Assert.Equal(1, await OverdueEventsAsync(task.Id));

        await ChangeAsync(task.Id, loaded => loaded.Update(null, null, null, Now.AddMinutes(2), clearDueDate: false, creator, _clock.GetUtcNow()));
        Assert.Null((await ColumnAsync<DateTimeOffset?>("SELECT overdue_flagged_at FROM tasks WHERE id = @id", ("id", task.Id)))[0]);
        Assert.Equal("0 tasks flagged overdue.", await Services.RunAsync(OverdueDetectionJob.JobName));

        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal("1 tasks flagged overdue.", await Services.RunAsync(OverdueDetectionJob.JobName));
        Assert.Equal(2, await OverdueEventsAsync(task.Id));
    }

    [Fact]
    public async Task AFlaggedTask_NotifiesItsCreatorOwnerAndAssignees_OnceEach_AsTheirPreferencesSay_AndNoSystemUser()
    {
        var max = await AddPersonAsync("Max", UserRole.Manager);
        var ada = await AddPersonAsync("Ada");
        var bo = await AddPersonAsync("Bo");
        var dan = await AddPersonAsync("Dan");
        await ChooseAsync(dan.Id, EventType.TaskOverdue, new NotificationChannels(InApp: true, Email: false));
        // Max created it and assigned Ada and Bo and Dan; Ada, an assignee, took it (owner and assignee: told once).
        var task = await AddTaskAsync(max.AsActor(), title: "Ship it", dueDate: Due, createdAt: Now.AddDays(-1), walk: task =>
        {
            task.AssignTo([ada.Id, bo.Id, dan.Id], max.AsActor(), Now.AddDays(-1));
            task.Take(ada.AsActor(), Now.AddDays(-1));
        });
        // The system users among the people involved, as a task could have them: neither is a person to tell.
        await ExecuteAsync(
            "INSERT INTO task_assignees (task_id, user_id, assigned_at) VALUES (@task, @scheduler, @at), (@task, @engine, @at)",
            ("task", task.Id),
            ("scheduler", SystemActors.Scheduler.UserId),
            ("engine", SystemActors.Engine.UserId),
            ("at", Now.AddDays(-1)));
        // What the setup's own events told people is not under test: from here on, everything in the inbox and the email queue is the overdue job's.
        await DeliverEventsAsync();
        await ExecuteAsync("DELETE FROM notifications");
        await ExecuteAsync("DELETE FROM outgoing_emails");

        // Two runs, each delivered: the second flags nothing, so nobody is told twice.
        Assert.Equal("1 tasks flagged overdue.", await Services.RunAsync(OverdueDetectionJob.JobName));
        await DeliverEventsAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("0 tasks flagged overdue.", await Services.RunAsync(OverdueDetectionJob.JobName));
        await DeliverEventsAsync();

        var inbox = await ColumnAsync<string>(
            "SELECT recipient_id || ' ' || type || ' ' || task_id || ' ' || title || ' | ' || body FROM notifications");
        Assert.Equal(
            new[] { max, ada, bo, dan }.Select(person => $"{person.Id} taskOverdue {task.Id} \"Ship it\" is overdue | It was due 2026-11-22 07:00 UTC.").Order(StringComparer.Ordinal),
            inbox.Order(StringComparer.Ordinal));
        Assert.Equal(
            new[] { max, ada, bo }.Select(person => $"{person.Email} \"Ship it\" is overdue").Order(StringComparer.Ordinal),
            (await ColumnAsync<string>("SELECT to_address || ' ' || subject FROM outgoing_emails")).Order(StringComparer.Ordinal));
        Assert.Empty(await ColumnAsync<Guid>(
            "SELECT id FROM notifications WHERE recipient_id IN (@scheduler, @engine)",
            ("scheduler", SystemActors.Scheduler.UserId),
            ("engine", SystemActors.Engine.UserId)));
        Assert.Equal(0, (await ColumnAsync<long>("SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL"))[0]);
    }

    [Fact]
    public async Task MoreTasksThanABatch_AreAllFlagged_OneEventEach()
    {
        var creator = await AddUserAsync();
        const int Count = OverdueDetectionJob.BatchSize * 2 + 17;
        await using (var db = Database.CreateDbContext())
        {
            for (var i = 0; i < Count; i++)
            {
                db.Tasks.Add(TaskItem.Create($"Overdue {i}", null, TaskPriority.Normal, Due.AddMinutes(-i), false, creator, Now.AddDays(-1)));
            }

            await db.SaveChangesAsync();
        }

        Assert.Equal($"{Count} tasks flagged overdue.", await Services.RunAsync(OverdueDetectionJob.JobName));
        Assert.Equal(Count, (await ColumnAsync<long>("SELECT count(DISTINCT task_id) FROM outbox_messages WHERE type = 'taskOverdue'"))[0]);
        Assert.Equal(0, (await ColumnAsync<long>("SELECT count(*) FROM tasks WHERE overdue_flagged_at IS NULL"))[0]);
    }

    [Fact]
    public async Task TheFlag_IsShownInTheTasksDto()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator, dueDate: Due);

        await Services.RunAsync(OverdueDetectionJob.JobName);

        await using var scope = Services.Get<IServiceScopeFactory>().CreateAsyncScope();
        var loaded = await scope.ServiceProvider.GetRequiredService<ITaskRepository>().FindAsync(task.Id, CancellationToken.None);
        var dto = Services.Get<IMapper>().ToTaskDto(loaded!, creator);
        Assert.Equal(Now, dto.OverdueFlaggedAt);
    }

    [Fact]
    public async Task TheJobsSearch_CanUseItsPartialIndex()
    {
        // The repository's query, with its values bound as Npgsql binds them (planned with the values: a custom plan).
        await using var connection = await Database.OpenConnectionAsync();
        await using (var noSeqScan = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await noSeqScan.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand(
            """
            EXPLAIN SELECT * FROM tasks
            WHERE due_date < @now AND overdue_flagged_at IS NULL AND archived_at IS NULL AND status = ANY(@open)
            ORDER BY due_date, id LIMIT 100
            """,
            connection);
        explain.Parameters.AddWithValue("now", Now);
        explain.Parameters.AddWithValue("open", TaskItem.OpenStatuses.Select(status => status.ToString().ToLowerInvariant()).ToArray());
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.True(plan.Exists(line => line.Contains("ix_tasks_overdue_candidates", StringComparison.Ordinal)), string.Join('\n', plan));
    }

    public void Dispose() => _services?.Dispose();

    /// <summary>Delivers every pending event through the real outbox dispatcher to the registered consumers (notifications among them).</summary>
    private async Task DeliverEventsAsync()
    {
        var dispatcher = Services.Get<OutboxDispatcher>();
        while (await dispatcher.DispatchOnceAsync(CancellationToken.None) > 0)
        {
        }
    }

    private async Task<IReadOnlyList<Guid>> OverdueInTheListAsync()
    {
        await using var scope = Services.Get<IServiceScopeFactory>().CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<ITaskRepository>()
            .ListAsync(new ListTasksQuery(Overdue: true, PageSize: 100), new TaskVisibility(AllTeams: true, new HashSet<Guid>()), CancellationToken.None);
        return [.. page.Items.Select(task => task.Id)];
    }

    private async Task<long> OverdueEventsAsync(Guid taskId) =>
        (await ColumnAsync<long>("SELECT count(*) FROM outbox_messages WHERE type = 'taskOverdue' AND task_id = @id", ("id", taskId)))[0];
}
