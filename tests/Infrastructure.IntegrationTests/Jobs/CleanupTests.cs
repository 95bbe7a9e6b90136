using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application.Cleanup;
using TaskOrchestration.Domain.Comments;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Jobs;

/// <summary>The cleanup job on PostgreSQL, with the default retentions (30 days for archived tasks, finished emails and webhook deliveries, 7 for processed events, 90 for notifications): what is old goes, what is recent or live stays.</summary>
public sealed class CleanupTests(DatabaseFixture fixture) : DatabaseTest(fixture), IDisposable
{
    private readonly FakeTimeProvider _clock = new(Now);
    private JobServices? _services;

    private JobServices Services => _services ??= new JobServices(Database.ConnectionString, _clock);

    [Fact]
    public async Task ArchivedTasks_GoWithTheirCommentsHistoryAndAssignees_OnlyOnceArchivedLongerThanTheRetention()
    {
        var creator = await AddUserAsync();
        var manager = await AddUserAsync(UserRole.Manager);
        var old = await AddTaskAsync(creator, task =>
        {
            task.AssignTo([creator.UserId], manager, Now.AddDays(-40));
            task.Archive(creator, Now.AddDays(-31));
        }, createdAt: Now.AddDays(-40));
        var recent = await AddTaskAsync(creator, task =>
        {
            task.AssignTo([creator.UserId], manager, Now.AddDays(-40));
            task.Archive(creator, Now.AddDays(-29));
        }, createdAt: Now.AddDays(-40));
        var live = await AddTaskAsync(creator, task => task.AssignTo([creator.UserId], manager, Now.AddDays(-400)), createdAt: Now.AddDays(-400));
        foreach (var task in new[] { old, recent, live })
        {
            await AddCommentAsync(task.Id, creator);
        }

        var summary = await Services.RunAsync(CleanupJob.JobName);

        Assert.StartsWith("Deleted 1 archived tasks,", summary, StringComparison.Ordinal);
        Assert.Equal(new[] { recent.Id, live.Id }.Order(), (await ColumnAsync<Guid>("SELECT id FROM tasks")).Order());
        foreach (var table in new[] { "task_history", "task_assignees", "task_comments" })
        {
            Assert.Equal(new[] { recent.Id, live.Id }.Order(), (await ColumnAsync<Guid>($"SELECT DISTINCT task_id FROM {table}")).Order());
        }
    }

    [Fact]
    public async Task MoreArchivedTasksThanABatch_AllGo()
    {
        var creator = await AddUserAsync();
        const int Count = CleanupJob.TaskBatchSize * 2 + 3;
        await using (var db = Database.CreateDbContext())
        {
            for (var i = 0; i < Count; i++)
            {
                var task = TaskItem.Create($"Old {i}", null, TaskPriority.Normal, null, false, creator, Now.AddDays(-60));
                task.Archive(creator, Now.AddDays(-31).AddMinutes(-i));
                db.Tasks.Add(task);
            }

            await db.SaveChangesAsync();
        }

        Assert.StartsWith($"Deleted {Count} archived tasks,", await Services.RunAsync(CleanupJob.JobName), StringComparison.Ordinal);
        Assert.Equal(0, (await ColumnAsync<long>("SELECT count(*) FROM tasks"))[0]);
    }

    [Fact]
    public async Task ProcessedEvents_AndTheirConsumptionRecords_GoAfterTheRetention_WhilePendingAndParkedEventsKeepTheirs()
    {
        var processedLongAgo = await AddEventAsync(processedAt: Now.AddDays(-8));
        var processedRecently = await AddEventAsync(processedAt: Now.AddDays(-6));
        var pendingLongAgo = await AddEventAsync(processedAt: null);
        var parkedLongAgo = await AddEventAsync(processedAt: null, parkedAt: Now.AddDays(-9));
        var gone = Guid.CreateVersion7();
        foreach (var eventId in new[] { processedLongAgo, processedRecently, pendingLongAgo, parkedLongAgo, gone })
        {
            await AddConsumptionAsync("notifications", eventId, Now.AddDays(-8));
        }

        await AddConsumptionAsync("webhooks", processedRecently, Now.AddDays(-6));

        var summary = await Services.RunAsync(CleanupJob.JobName);

        // The records of processed events go (a processed event is never delivered again), those of pending and parked
        // events stay (they may be: redelivered, or replayed by an admin), and so do the recent ones.
        Assert.Contains("1 processed events, 3 consumption records,", summary, StringComparison.Ordinal);
        Assert.Equal(new[] { processedRecently, pendingLongAgo, parkedLongAgo }.Order(), (await ColumnAsync<Guid>("SELECT id FROM outbox_messages")).Order());
        Assert.Equal(
            new[] { $"notifications {pendingLongAgo}", $"notifications {parkedLongAgo}", $"webhooks {processedRecently}" }.Order(StringComparer.Ordinal),
            (await ColumnAsync<string>("SELECT consumer || ' ' || event_id FROM consumed_events")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Notifications_GoAfterTheRetention_ReadOrNot()
    {
        var person = await AddUserAsync();
        await AddNotificationAsync(person.UserId, Now.AddDays(-91), readAt: null);
        await AddNotificationAsync(person.UserId, Now.AddDays(-95), readAt: Now.AddDays(-94));
        var recent = await AddNotificationAsync(person.UserId, Now.AddDays(-89), readAt: null);

        Assert.Contains(", 2 notifications,", await Services.RunAsync(CleanupJob.JobName), StringComparison.Ordinal);

        Assert.Equal([recent], await ColumnAsync<Guid>("SELECT id FROM notifications"));
    }

    [Fact]
    public async Task Emails_GoAfterTheRetention_OnceSentOrGivenUpOn_WhileQueuedOnesStayHoweverOld()
    {
        await AddEmailAsync(sentAt: Now.AddDays(-31), gaveUpAt: null);
        await AddEmailAsync(sentAt: null, gaveUpAt: Now.AddDays(-31));
        var sentRecently = await AddEmailAsync(sentAt: Now.AddDays(-29), gaveUpAt: null);
        var queuedLongAgo = await AddEmailAsync(sentAt: null, gaveUpAt: null);

        Assert.Contains(", 2 finished emails,", await Services.RunAsync(CleanupJob.JobName), StringComparison.Ordinal);

        Assert.Equal(new[] { sentRecently, queuedLongAgo }.Order(), (await ColumnAsync<Guid>("SELECT id FROM outgoing_emails")).Order());
    }

    [Fact]
    public async Task WebhookDeliveries_GoAfterTheRetention_OnceSucceededOrFailed_WhilePendingOnesStay()
    {
        var admin = await AddUserAsync(UserRole.Admin);
        var webhook = await AddWebhookAsync(admin.UserId);
        await AddDeliveryAsync(webhook, "succeeded", lastAttemptAt: Now.AddDays(-31));
        await AddDeliveryAsync(webhook, "failed", lastAttemptAt: Now.AddDays(-32));
        var succeededRecently = await AddDeliveryAsync(webhook, "succeeded", lastAttemptAt: Now.AddDays(-29));
        var pendingLongAgo = await AddDeliveryAsync(webhook, "pending", lastAttemptAt: Now.AddDays(-40));

        Assert.Contains(", 2 finished webhook deliveries,", await Services.RunAsync(CleanupJob.JobName), StringComparison.Ordinal);

        Assert.Equal(new[] { succeededRecently, pendingLongAgo }.Order(), (await ColumnAsync<Guid>("SELECT id FROM webhook_deliveries")).Order());
    }

    [Fact]
    public async Task IdempotencyKeys_GoOncePastTheirWindow()
    {
        var user = await AddUserAsync();
        await AddIdempotencyKeyAsync(user.UserId, "expired", Now.AddSeconds(-1));
        await AddIdempotencyKeyAsync(user.UserId, "current", Now.AddHours(1));

        Assert.Contains("1 expired idempotency keys", await Services.RunAsync(CleanupJob.JobName), StringComparison.Ordinal);

        Assert.Equal(["current"], await ColumnAsync<string>("SELECT key FROM idempotency_keys"));
    }

    [Fact]
    public async Task ScheduleRuns_GoAfterTheRetention_ButEachJobKeepsItsLatest()
    {
        await AddScheduleRunAsync("overdue-detection", Now.AddDays(-10));
        await AddScheduleRunAsync("overdue-detection", Now.AddDays(-9));
        await AddScheduleRunAsync("overdue-detection", Now.AddDays(-1));
        await AddScheduleRunAsync("monthly-report", Now.AddDays(-20));

        Assert.EndsWith("2 schedule runs.", await Services.RunAsync(CleanupJob.JobName), StringComparison.Ordinal);

        await using var db = Database.CreateDbContext();
        var kept = await db.ScheduleRuns.AsNoTracking().OrderBy(run => run.Job).Select(run => new { run.Job, run.Slot }).ToListAsync();
        Assert.Equal([("monthly-report", Now.AddDays(-20)), ("overdue-detection", Now.AddDays(-1))], kept.Select(run => (run.Job, run.Slot)));
    }

    public void Dispose() => _services?.Dispose();

    private async Task AddCommentAsync(Guid taskId, Actor author)
    {
        await using var db = Database.CreateDbContext();
        db.Comments.Add(TaskComment.Write(taskId, "A comment", author, Now.AddDays(-35)));
        await db.SaveChangesAsync();
    }

    private async Task<Guid> AddEventAsync(DateTimeOffset? processedAt, DateTimeOffset? parkedAt = null)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync(
            """
            INSERT INTO outbox_messages (id, type, task_id, occurred_at, payload, available_at, attempts, processed_at, parked_at)
            VALUES (@id, 'taskCreated', @taskId, @occurredAt, '{}', @occurredAt, 0, @processedAt, @parkedAt)
            """,
            ("id", id),
            ("taskId", Guid.NewGuid()),
            ("occurredAt", Now.AddDays(-10)),
            ("processedAt", (object?)processedAt ?? DBNull.Value),
            ("parkedAt", (object?)parkedAt ?? DBNull.Value));
        return id;
    }

    private Task<int> AddConsumptionAsync(string consumer, Guid eventId, DateTimeOffset consumedAt) =>
        ExecuteAsync(
            "INSERT INTO consumed_events (consumer, event_id, consumed_at) VALUES (@consumer, @eventId, @consumedAt)",
            ("consumer", consumer),
            ("eventId", eventId),
            ("consumedAt", consumedAt));

    private async Task<Guid> AddNotificationAsync(Guid recipientId, DateTimeOffset createdAt, DateTimeOffset? readAt)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync(
            """
            INSERT INTO notifications (id, recipient_id, type, title, created_at, read_at)
            VALUES (@id, @recipientId, 'taskAssigned', 'You were assigned a task', @createdAt, @readAt)
            """,
            ("id", id),
            ("recipientId", recipientId),
            ("createdAt", createdAt),
            ("readAt", (object?)readAt ?? DBNull.Value));
        return id;
    }

    private async Task<Guid> AddEmailAsync(DateTimeOffset? sentAt, DateTimeOffset? gaveUpAt)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync(
            """
            INSERT INTO outgoing_emails (id, to_address, subject, text_body, created_at, available_at, attempts, sent_at, gave_up_at)
            VALUES (@id, 'someone@example.com', 'A subject', 'A body', @createdAt, @createdAt, 1, @sentAt, @gaveUpAt)
            """,
            ("id", id),
            ("createdAt", Now.AddDays(-60)),
            ("sentAt", (object?)sentAt ?? DBNull.Value),
            ("gaveUpAt", (object?)gaveUpAt ?? DBNull.Value));
        return id;
    }

    private async Task<Guid> AddWebhookAsync(Guid createdBy)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync(
            """
            INSERT INTO webhook_subscriptions (id, url, secret, event_types, is_active, created_by, created_at, updated_at)
            VALUES (@id, 'https://receiver.example.com/hooks', 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0', ARRAY['taskCompleted'], true, @createdBy, @createdAt, @createdAt)
            """,
            ("id", id),
            ("createdBy", createdBy),
            ("createdAt", Now.AddDays(-60)));
        return id;
    }

    private async Task<Guid> AddDeliveryAsync(Guid subscriptionId, string status, DateTimeOffset lastAttemptAt)
    {
        var id = Guid.CreateVersion7();
        await ExecuteAsync(
            """
            INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, payload, status, attempts, next_attempt_at, last_attempt_at, created_at)
            VALUES (@id, @subscriptionId, @eventId, 'taskCompleted', '{}', @status, 1, @nextAttemptAt, @lastAttemptAt, @createdAt)
            """,
            ("id", id),
            ("subscriptionId", subscriptionId),
            ("eventId", Guid.CreateVersion7()),
            ("status", status),
            ("nextAttemptAt", status == "pending" ? lastAttemptAt.AddMinutes(1) : DBNull.Value),
            ("lastAttemptAt", lastAttemptAt),
            ("createdAt", lastAttemptAt.AddMinutes(-1)));
        return id;
    }

    private Task<int> AddIdempotencyKeyAsync(Guid userId, string key, DateTimeOffset expiresAt) =>
        ExecuteAsync(
            """
            INSERT INTO idempotency_keys (user_id, scope, key, request_fingerprint, answer, created_at, expires_at)
            VALUES (@userId, 'POST /api/v1/tasks', @key, 'fingerprint', '{}', @createdAt, @expiresAt)
            """,
            ("userId", userId),
            ("key", key),
            ("createdAt", expiresAt.AddDays(-1)),
            ("expiresAt", expiresAt));

    private Task<int> AddScheduleRunAsync(string job, DateTimeOffset slot) =>
        ExecuteAsync(
            """
            INSERT INTO schedule_runs (job, slot, runner, started_at, finished_at, outcome)
            VALUES (@job, @slot, 'a-worker', @slot, @slot, 'succeeded')
            """,
            ("job", job),
            ("slot", slot));
}
