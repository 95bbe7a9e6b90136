using System.Net;
using Npgsql;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Engine;

/// <summary>A worker that shuts down gives its unfinished tasks back: its own host, stopped in the middle of a task.</summary>
[Collection(Name)]
public sealed class ShutdownTests
{
    public const string Name = "engine shutdown";

    [Fact]
    public async Task OnShutdown_AHandlerStillRunningAfterTheGracePeriod_IsCancelled_AndItsTaskGivenBack()
    {
        var factory = new ShutdownHost();
        await ((IAsyncLifetime)factory).InitializeAsync();
        try
        {
            var client = await SignUpAsync(factory);
            var response = await client.PostAsync("/api/v1/tasks", Json.Body(new { title = "Runs past the grace period", kind = BlockingHandler.KindName }));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var task = await response.ReadAsync<TaskDto>();
            await factory.Blocking.StartedAsync(task.Id);

            // Stops the host as SIGTERM would: the worker stops claiming, waits the grace period (1 s), cancels, gives back.
            await factory.DisposeAsync();

            Assert.True(factory.Blocking.Cancelled.ContainsKey(task.Id), "The handler was not cancelled.");
            Assert.Equal(
                ["pending 1 none", $"release {SystemActors.Engine.UserId}"],
                await RowsAsync(
                    factory,
                    """
                    SELECT task.status || ' ' || task.attempt_count || ' ' || CASE WHEN item.id IS NULL THEN 'no item' ELSE coalesce(item.leased_by, 'none') END
                    FROM tasks AS task LEFT JOIN work_items AS item ON item.id = task.id WHERE task.id = @id
                    UNION ALL
                    (SELECT trigger || ' ' || actor_id FROM task_history WHERE task_id = @id ORDER BY occurred_at DESC LIMIT 1)
                    """,
                    task.Id));
            Assert.Equal(["stopped"], await RowsAsync(factory, "SELECT CASE WHEN stopped_at IS NULL THEN 'running' ELSE 'stopped' END FROM workers WHERE @id IS NOT NULL", task.Id));
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    private static async Task<HttpClient> SignUpAsync(ApiFactory factory)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsync("/api/v1/auth/register", Json.Body(new { email, password = ApiTestBase.Password, displayName = "Test User" }))).StatusCode);
        var token = await (await anonymous.PostAsync("/api/v1/auth/token", Json.Body(new { email, password = ApiTestBase.Password })))
            .ReadAsync<Application.Users.Commands.IssueToken.AccessTokenDto>();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    private static async Task<List<string>> RowsAsync(ApiFactory factory, string sql, Guid id)
    {
        await using var connection = await factory.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private sealed class ShutdownHost : EngineApiFactory
    {
        protected override string DatabaseName => "taskorch_engine_shutdown";
    }
}
