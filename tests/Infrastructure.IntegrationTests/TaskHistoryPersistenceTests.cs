using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Persistence;
using TaskOrchestration.Infrastructure.Persistence.Repositories;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>What a task's life leaves in the database, in the words the API uses (lower-case enum names).</summary>
public sealed class TaskHistoryPersistenceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private const string Metadata = """{"ticket":"OPS-42","weights":[1,2.5],"nested":{"ok":true}}""";

    [Fact]
    public async Task CreatePublishTakeComplete_EachSaved_StoresThreeTransitionsAndTheStatusAsWords()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator, draft: true);
        await ChangeAsync(task.Id, t => t.Publish(creator, Now.AddMinutes(1)));
        await ChangeAsync(task.Id, t => t.Take(creator, Now.AddMinutes(2)));
        await ChangeAsync(task.Id, t => t.Complete(creator, "Shipped", Now.AddMinutes(3)));

        var history = await ColumnAsync<string>(
            """
            SELECT kind || ' ' || "from" || '>' || "to" || ' ' || "trigger" || ' ' || actor_id::text
            FROM task_history WHERE task_id = @id ORDER BY occurred_at
            """,
            ("id", task.Id));
        var row = await ColumnAsync<string>(
            "SELECT status || ' ' || owner_id::text || ' ' || result || ' ' || attempt_count FROM tasks WHERE id = @id",
            ("id", task.Id));

        Assert.Equal(
        [
            $"transitioned draft>pending publish {creator.UserId}",
            $"transitioned pending>running take {creator.UserId}",
            $"transitioned running>done complete {creator.UserId}",
        ],
            history);
        Assert.Equal([$"done {creator.UserId} Shipped 1"], row);
    }

    [Fact]
    public async Task EveryStatusAndTrigger_IsStoredAsItsLowerCaseName()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator, draft: true, walk: t =>
        {
            t.Publish(creator, Now);
            t.Take(creator, Now.AddMinutes(1));
            t.Fail(creator, "Broken", Now.AddMinutes(2));
            t.Retry(creator, Now.AddMinutes(3));
            t.Take(creator, Now.AddMinutes(4));
            t.Release(creator, Now.AddMinutes(5));
            t.Cancel(creator, "Not needed", Now.AddMinutes(6));
        });

        var history = await ColumnAsync<string>(
            "SELECT \"from\" || '>' || \"to\" || ' ' || \"trigger\" || ' ' || coalesce(reason, '-') FROM task_history WHERE task_id = @id ORDER BY occurred_at",
            ("id", task.Id));

        Assert.Equal(
        [
            "draft>pending publish -",
            "pending>running take -",
            "running>failed fail Broken",
            "failed>pending retry -",
            "pending>running take -",
            "running>pending release -",
            "pending>cancelled cancel Not needed",
        ],
            history);
        Assert.Equal(["cancelled 2"], await ColumnAsync<string>("SELECT status || ' ' || attempt_count FROM tasks WHERE id = @id", ("id", task.Id)));
    }

    [Fact]
    public async Task AnEdit_StoresItsFieldChangesAsJson_AndReadsThemBack()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator, title: "Before", priority: TaskPriority.Low);
        await ChangeAsync(task.Id, t => t.Update("After", null, TaskPriority.High, null, false, creator, Now.AddMinutes(1)));

        var kinds = await ColumnAsync<string>("SELECT kind || ' ' || jsonb_typeof(changes) FROM task_history WHERE task_id = @id", ("id", task.Id));
        await using var db = Database.CreateDbContext();
        var page = await new TaskRepository(db, TimeProvider.System).HistoryAsync(task.Id, new PageRequest(1, 10, IncludeTotal: false), CancellationToken.None);

        Assert.Equal(["edited array"], kinds);
        var entry = Assert.Single(page.Items);
        Assert.Equal(TaskHistoryKind.Edited, entry.Kind);
        Assert.Null(entry.From);
        Assert.Null(entry.Trigger);
        Assert.Equal([new FieldChange("title", "Before", "After"), new FieldChange("priority", "low", "high")], entry.Changes);
    }

    [Fact]
    public async Task ALoadedTask_ReadsBackEveryField_WithItsTagsAndAssignees()
    {
        var manager = await AddUserAsync(UserRole.Manager);
        var assignee = await AddUserAsync();
        var due = Now.AddDays(3);
        Guid id;
        await using (var db = Database.CreateDbContext())
        {
            var created = TaskItem.Create("Title", "Description", TaskPriority.Critical, due, false, manager, Now, metadata: Metadata);
            created.Tag(["ops", "Urgent"], manager, Now);
            created.AssignTo([assignee.UserId], manager, Now);
            created.Take(assignee, Now);
            created.Fail(assignee, "Out of coffee", Now);
            created.Retry(manager, Now);
            db.Tasks.Add(created);
            await db.SaveChangesAsync();
            id = created.Id;
        }

        await using var reader = Database.CreateDbContext();
        var task = await reader.Tasks.SingleAsync(t => t.Id == id);

        Assert.Equal(("Title", "Description", TaskPriority.Critical, due), (task.Title, task.Description, task.Priority, task.DueDate));
        Assert.Equal((TaskItemStatus.Pending, 2, (Guid?)null, manager.UserId), (task.Status, task.Run.AttemptCount, task.OwnerId, task.CreatedBy));
        Assert.Null(task.FailureReason);
        using (var given = JsonDocument.Parse(Metadata))
        using (var stored = JsonDocument.Parse(task.Metadata!))
        {
            Assert.True(JsonElement.DeepEquals(given.RootElement, stored.RootElement), task.Metadata);
        }

        Assert.Equal(["ops", "urgent"], task.Tags);
        Assert.Equal([assignee.UserId], task.Assignees.Select(a => a.UserId));
        Assert.Empty(task.History);
    }
}

