using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

public sealed class TaskPersistenceTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Transitions_AreStoredWithTheirHistory_InTheApiWords()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator, draft: true, walk: t =>
        {
            t.Publish(creator, Now);
            t.Take(creator, Now.AddMinutes(1));
            t.Complete(creator, "Shipped", Now.AddMinutes(2));
        });

        await using var connection = await Database.OpenConnectionAsync();
        await using var history = new NpgsqlCommand(
            "SELECT \"from\" || '>' || \"to\" || ':' || \"trigger\" FROM task_history WHERE task_id = @id ORDER BY occurred_at",
            connection);
        history.Parameters.AddWithValue("id", task.Id);
        var rows = new List<string>();
        await using (var reader = await history.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["draft>pending:publish", "pending>running:take", "running>done:complete"], rows);
        await using var status = new NpgsqlCommand("SELECT status, result FROM tasks WHERE id = @id", connection);
        status.Parameters.AddWithValue("id", task.Id);
        await using var row = await status.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal(("done", "Shipped"), (row.GetString(0), row.GetString(1)));
    }

    [Fact]
    public async Task ALoadedTask_ReadsBackEveryField()
    {
        var creator = await AddUserAsync();
        var due = Now.AddDays(3);
        await using (var db = Database.CreateDbContext())
        {
            var created = TaskItem.Create("Title", "Description", TaskPriority.Critical, due, false, creator, Now);
            created.Take(creator, Now);
            created.Fail(creator, "Out of coffee", Now);
            created.Retry(creator, Now);
            db.Tasks.Add(created);
            await db.SaveChangesAsync();
        }

        await using var reader = Database.CreateDbContext();
        var task = await reader.Tasks.SingleAsync();

        Assert.Equal(("Title", "Description", TaskPriority.Critical, due), (task.Title, task.Description, task.Priority, task.DueDate));
        Assert.Equal((TaskItemStatus.Pending, 2, (Guid?)null, creator.UserId), (task.Status, task.AttemptCount, task.OwnerId, task.CreatedBy));
    }
}
