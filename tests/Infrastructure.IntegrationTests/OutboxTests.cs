using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Events;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>The transactional outbox on real PostgreSQL: written with the change, dispatched once per consumer, in order per task.</summary>
public sealed class OutboxTests(DatabaseFixture fixture) : DatabaseTest(fixture), IDisposable
{
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly List<ServiceProvider> _providers = [];
    private readonly RecordingConsumer _recorder = new();

    [Fact]
    public async Task ASavedChange_WritesItsEvents_WithTheDocumentedEnvelope()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator, walk: task => task.Take(creator, Now));

        var envelopes = await EnvelopesAsync();

        Assert.Equal([EventType.TaskCreated, EventType.TaskTaken], envelopes.Select(envelope => envelope.Type));
        var taken = envelopes[1];
        Assert.Equal((EventEnvelope.CurrentVersion, task.Id, Now), (taken.Version, taken.TaskId, taken.OccurredAt));
        Assert.Equal(new EventActor(creator.UserId, EventActorKind.User), taken.Actor);
        Assert.Equal("pending", taken.Data.GetProperty("from").GetString());
        Assert.Equal("running", taken.Data.GetProperty("to").GetString());
        Assert.Equal("take", taken.Data.GetProperty("trigger").GetString());
        var stored = await ColumnAsync<string>("SELECT type || ' ' || task_id FROM outbox_messages ORDER BY sequence");
        Assert.Equal([$"taskCreated {task.Id}", $"taskTaken {task.Id}"], stored);
    }

    [Fact]
    public async Task ARefusedSave_WritesNoEvent_AndARetriedSave_WritesEachEventOnce()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator);
        await ExecuteAsync("DELETE FROM outbox_messages");
        await using var db = Database.CreateDbContext();
        var loaded = await db.Tasks.SingleAsync(candidate => candidate.Id == task.Id);
        loaded.Take(creator, Now);
        await ExecuteAsync("UPDATE tasks SET title = 'changed under it' WHERE id = @id", ("id", task.Id));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        Assert.Empty(await EnvelopesAsync());

        await db.Entry(loaded).ReloadAsync();
        await db.SaveChangesAsync();
        Assert.Equal([EventType.TaskTaken], (await EnvelopesAsync()).Select(envelope => envelope.Type));
    }

    [Fact]
    public async Task TheEngine_WritesItsTransitions_InTheSameBatch_InOrder()
    {
        var creator = await AddUserAsync();
        var task = await AddAutomatedAsync(creator);
        var queue = Services().GetRequiredService<TaskQueue>();

        var claimed = await queue.ClaimAsync(["system.noop"], 10, [], CancellationToken.None);
        await queue.FinishAsync([new AttemptOutcome(task.Id, claimed[0].Attempt, TaskHandlerResult.Success("ok"))], CancellationToken.None);

        var envelopes = await EnvelopesAsync();
        Assert.Equal([EventType.TaskCreated, EventType.TaskTaken, EventType.TaskCompleted], envelopes.Select(envelope => envelope.Type));
        Assert.Equal(EventActorKind.Engine, envelopes[2].Actor.Kind);
        Assert.Equal("ok", envelopes[2].Data.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Dispatch_GivesEveryEventToEveryConsumer_ThenMarksItProcessed()
    {
        var creator = await AddUserAsync();
        var first = await AddTaskAsync(creator);
        var second = await AddTaskAsync(creator);
        var dispatcher = Dispatcher();

        Assert.Equal(2, await dispatcher.DispatchOnceAsync(CancellationToken.None));

        Assert.Equal(new[] { first.Id, second.Id }.Order(), _recorder.Deliveries("recorder").Select(envelope => envelope.TaskId).Order());
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM users WHERE email LIKE 'delivered-%'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL"));
        // Acknowledged in the commit that holds the consumers' effects: no record of consumed events is needed.
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM consumed_events"));
        Assert.Equal(0, await dispatcher.DispatchOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ADispatcherThatLostItsEventsToAnother_DeliversNoneOfThem()
    {
        var creator = await AddUserAsync();
        await AddTaskAsync(creator);
        var stalled = Dispatcher();
        var store = _providers[^1].GetRequiredService<OutboxStore>();
        var claimed = await store.ClaimAsync(10, CancellationToken.None);
        // It stalls past its worker's lease; another dispatcher takes the event as a lost delivery (retried after its backoff).
        _clock.Advance(TimeSpan.FromSeconds(31));
        var survivor = Dispatcher();
        Assert.Equal(1, await survivor.DispatchOnceAsync(CancellationToken.None));

        Assert.Empty(await stalled.DeliverAndAcknowledgeAsync(claimed, CancellationToken.None));
        // Consumer by consumer (the way a delivery goes after a consumer threw): nothing either.
        Assert.Empty(await stalled.DeliverAsync(claimed, CancellationToken.None));
        Assert.Empty(_recorder.Deliveries("recorder"));
        Assert.Empty(_recorder.Deliveries("second"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL AND attempts = 1"));

        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await survivor.DispatchOnceAsync(CancellationToken.None));
        Assert.Single(_recorder.Deliveries("recorder"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM users WHERE email LIKE 'delivered-%'"));
    }

    [Fact]
    public async Task ADispatcherGoingConsumerByConsumer_AcknowledgesNoEventItNoLongerHolds()
    {
        var creator = await AddUserAsync();
        var poisoned = await AddTaskAsync(creator);
        var lost = await AddTaskAsync(creator);
        _recorder.FailFor = poisoned.Id;
        var dispatcher = Dispatcher();
        var claimed = await _providers[^1].GetRequiredService<OutboxStore>().ClaimAsync(10, CancellationToken.None);
        // What another dispatcher's claim and failed delivery leave once this one's lease ran out: the event is free again.
        await ExecuteAsync("UPDATE outbox_messages SET locked_by = NULL, attempts = 1 WHERE task_id = @id", ("id", lost.Id));

        var failed = await dispatcher.DeliverAndAcknowledgeAsync(claimed, CancellationToken.None);

        Assert.Single(failed);
        Assert.DoesNotContain(_recorder.Deliveries("second"), envelope => envelope.TaskId == lost.Id);
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM outbox_messages WHERE task_id = '{lost.Id}' AND processed_at IS NULL"));
    }

    [Fact]
    public async Task AnEventOneConsumerConsumedBefore_IsNotGivenToItAgain_ButToTheOthers()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator);
        // A delivery consumer by consumer that the recorder had finished when its process stopped (given back uncounted).
        await ExecuteAsync(
            "INSERT INTO consumed_events (consumer, event_id, consumed_at) SELECT 'recorder', id, now() FROM outbox_messages WHERE task_id = @id",
            ("id", task.Id));

        Assert.Equal(1, await Dispatcher().DispatchOnceAsync(CancellationToken.None));

        Assert.Empty(_recorder.Deliveries("recorder"));
        Assert.Equal([task.Id], _recorder.Deliveries("second").Select(envelope => envelope.TaskId));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL"));
    }

    [Fact]
    public async Task ADispatcherThatDiesBetweenDeliveryAndAcknowledgement_LosesTheEventToAnother_AfterItsWorkersLease_AsAFailedDelivery_WhoseConsumerSkipsIt()
    {
        var creator = await AddUserAsync();
        await AddTaskAsync(creator);
        var dying = Dispatcher();
        var store = _providers[^1].GetRequiredService<OutboxStore>();

        var claimed = await store.ClaimAsync(10, CancellationToken.None);
        Assert.Empty(await dying.DeliverAsync(claimed, CancellationToken.None));
        // It dies here: no acknowledgement. Within its worker's lease (Worker:LeaseDuration, 30 s) nobody else takes the event.
        var survivor = Dispatcher();
        Assert.Equal(0, await survivor.DispatchOnceAsync(CancellationToken.None));

        // After it, the next claim takes the event back as a lost delivery: a failed attempt, retried after its backoff (2.5 to 5 s).
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await survivor.DispatchOnceAsync(CancellationToken.None));
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM outbox_messages WHERE attempts = 1 AND last_error = '{RetryRule.LeaseLostReason}' AND locked_by IS NULL AND processed_at IS NULL"));
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await survivor.DispatchOnceAsync(CancellationToken.None));

        Assert.Single(_recorder.Deliveries("recorder"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM users WHERE email LIKE 'delivered-%'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL"));
    }

    [Fact]
    public async Task ConcurrentDispatchers_DeliverEachTasksEvents_InOrder_AndEachOnce()
    {
        var creator = await AddUserAsync();
        List<Guid> taskIds = [];
        for (var i = 0; i < 10; i++)
        {
            var task = await AddTaskAsync(creator, draft: true);
            taskIds.Add(task.Id);
            await ChangeAsync(task.Id, task => task.Publish(creator, Now));
            await ChangeAsync(task.Id, task => task.Take(creator, Now));
            await ChangeAsync(task.Id, task => task.Release(creator, Now));
            await ChangeAsync(task.Id, task => task.Take(creator, Now));
            await ChangeAsync(task.Id, task => task.Complete(creator, "done", Now));
        }

        var dispatchers = Enumerable.Range(0, 4).Select(_ => Dispatcher(("Outbox:BatchSize", "3"))).ToList();
        await Task.WhenAll(dispatchers.Select(async dispatcher =>
        {
            while (await dispatcher.DispatchOnceAsync(CancellationToken.None) > 0)
            {
            }
        }));

        var delivered = _recorder.Deliveries("recorder");
        Assert.Equal(60, delivered.Count);
        Assert.Equal(60, await CountAsync("SELECT count(*) FROM users WHERE email LIKE 'delivered-%'"));
        Assert.Equal(60, delivered.Select(envelope => envelope.Id).Distinct().Count());
        EventType[] lifecycle = [EventType.TaskCreated, EventType.TaskPublished, EventType.TaskTaken, EventType.TaskReleased, EventType.TaskTaken, EventType.TaskCompleted];
        Assert.All(taskIds, taskId => Assert.Equal(lifecycle, delivered.Where(envelope => envelope.TaskId == taskId).Select(envelope => envelope.Type)));
    }

    [Fact]
    public async Task AConsumerThatKeepsFailing_OnOneEvent_IsRetriedWithBackoff_ThenTheEventIsParked_WithoutHoldingBackOthers()
    {
        var creator = await AddUserAsync();
        var poisoned = await AddTaskAsync(creator, title: "poison");
        var healthy = await AddTaskAsync(creator, title: "fine");
        _recorder.FailFor = poisoned.Id;
        var dispatcher = Dispatcher(("Outbox:MaxAttempts", "2"));

        await dispatcher.DispatchOnceAsync(CancellationToken.None);

        Assert.Equal([healthy.Id], _recorder.Deliveries("recorder").Select(envelope => envelope.TaskId));
        Assert.Equal(["1 recorder: InvalidOperationException: poisoned"], await ColumnAsync<string>(
            "SELECT attempts || ' ' || last_error FROM outbox_messages WHERE task_id = @id AND processed_at IS NULL AND parked_at IS NULL", ("id", poisoned.Id)));
        Assert.Equal(0, await dispatcher.DispatchOnceAsync(CancellationToken.None));

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await dispatcher.DispatchOnceAsync(CancellationToken.None));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM outbox_messages WHERE parked_at IS NOT NULL AND attempts = 2"));

        // A parked event no longer holds back its task's later events.
        await ChangeAsync(poisoned.Id, task => task.Cancel(creator, null, Now));
        _recorder.FailFor = null;
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.Contains(_recorder.Deliveries("recorder"), envelope => envelope.TaskId == poisoned.Id && envelope.Type == EventType.TaskCancelled);
    }

    [Fact]
    public async Task AParkedEvent_IsListedForAdmins_AndAReplayDeliversItOnce()
    {
        var creator = await AddUserAsync();
        var poisoned = await AddTaskAsync(creator);
        _recorder.FailFor = poisoned.Id;
        var dispatcher = Dispatcher(("Outbox:MaxAttempts", "1"));
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        var services = _providers[^1];

        Page<Application.Events.ParkedEventDto> parked;
        await using (var scope = services.CreateAsyncScope())
        {
            parked = await scope.ServiceProvider.GetRequiredService<IOutboxAdministration>().ListParkedAsync(new PageRequest(1, 10, true), CancellationToken.None);
        }

        var only = Assert.Single(parked.Items);
        Assert.Equal((1, poisoned.Id, EventType.TaskCreated), (parked.TotalCount, only.Envelope.TaskId, only.Envelope.Type));
        Assert.StartsWith("recorder: InvalidOperationException", only.LastError, StringComparison.Ordinal);

        _recorder.FailFor = null;
        await using (var scope = services.CreateAsyncScope())
        {
            var outbox = scope.ServiceProvider.GetRequiredService<IOutboxAdministration>();
            Assert.True(await outbox.ReplayAsync(only.Id, _clock.GetUtcNow(), CancellationToken.None));
            Assert.False(await outbox.ReplayAsync(only.Id, _clock.GetUtcNow(), CancellationToken.None));
        }

        Assert.Equal(1, await dispatcher.DispatchOnceAsync(CancellationToken.None));
        Assert.Equal([poisoned.Id], _recorder.Deliveries("recorder").Select(envelope => envelope.TaskId));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL"));
    }

    [Fact]
    public async Task OneConsumerFailing_RetriesOnlyThatConsumer()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator);
        _recorder.FailFor = task.Id;
        // The later of the two: the recorder has added its effect to the transaction of all consumers when "second"
        // throws, and that effect must be rolled back with it.
        _recorder.FailOnlyIn = "second";
        var dispatcher = Dispatcher();

        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM consumed_events WHERE consumer = 'recorder'"));
        _recorder.FailFor = null;
        _clock.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.DispatchOnceAsync(CancellationToken.None);

        Assert.Single(_recorder.Deliveries("second"));
        // The recorder ran twice (once in the transaction rolled back) and its effect is there once.
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM users WHERE email LIKE 'delivered-%'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM outbox_messages WHERE processed_at IS NULL"));
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private async Task<long> CountAsync(string sql) => (await ColumnAsync<long>(sql))[0];

    private async Task<List<EventEnvelope>> EnvelopesAsync() =>
        [.. (await ColumnAsync<string>("SELECT payload::text FROM outbox_messages ORDER BY sequence"))
            .Select(payload => JsonSerializer.Deserialize<EventEnvelope>(payload, EventJson.Options)!)];

    private OutboxDispatcher Dispatcher(params (string Key, string Value)[] settings) => Services(settings).GetRequiredService<OutboxDispatcher>();

    private ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["ConnectionStrings:Default"] = Database.ConnectionString };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var provider = InfrastructureServices.Build(values, configure: services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddScoped<IEventConsumer>(provider => new RecordingConsumer.Named(_recorder, "recorder", provider.GetRequiredService<ApplicationDbContext>()));
            services.AddScoped<IEventConsumer>(provider => new RecordingConsumer.Named(_recorder, "second", provider.GetRequiredService<ApplicationDbContext>()));
        });
        _providers.Add(provider);
        return provider;
    }

    private async Task<TaskItem> AddAutomatedAsync(Actor creator)
    {
        await using var db = Database.CreateDbContext();
        var task = TaskItem.Create("An automated task", null, TaskPriority.Normal, null, false, creator, Now, automation: new TaskAutomation("system.noop", null, 3, null));
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    }

    /// <summary>Consumers that record what they are given, add a row per event (a real effect in the delivery's transaction), and fail on request.</summary>
    private sealed class RecordingConsumer
    {
        private readonly ConcurrentQueue<(string Consumer, EventEnvelope Envelope)> _deliveries = new();

        public Guid? FailFor { get; set; }

        public string? FailOnlyIn { get; set; }

        public List<EventEnvelope> Deliveries(string consumer) => [.. _deliveries.Where(entry => entry.Consumer == consumer).Select(entry => entry.Envelope)];

        public sealed class Named(RecordingConsumer recorder, string name, ApplicationDbContext db) : IEventConsumer
        {
            public string Name => name;

            public Task ConsumeAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
            {
                if (recorder.FailFor is { } poisoned && events.Any(envelope => envelope.TaskId == poisoned) && (recorder.FailOnlyIn is null || recorder.FailOnlyIn == name))
                {
                    throw new InvalidOperationException("poisoned");
                }

                foreach (var envelope in events)
                {
                    recorder._deliveries.Enqueue((name, envelope));
                    if (name == "recorder")
                    {
                        db.Users.Add(User.Register($"delivered-{envelope.Id:N}@example.com", "Delivered", "not-a-hash", UserRole.Member, envelope.OccurredAt));
                    }
                }

                return Task.CompletedTask;
            }
        }
    }
}
