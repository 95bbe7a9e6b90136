using System.Net;
using Npgsql;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Events;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Events;

/// <summary>Parked outbox events over HTTP: admins see why they failed, and put them back in line.</summary>
public sealed class ParkedEventsTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task AnAdmin_SeesAParkedEvent_WithItsEnvelopeAndError_AndReplaysIt()
    {
        var admin = await SignUpAsync("admin");
        var task = await CreateTaskAsync(admin, "Watched");
        await Factory.Database.ExecuteAsync("UPDATE outbox_messages SET parked_at = now(), attempts = 10, last_error = 'notifications: boom' WHERE task_id = @id", ("id", task.Id));

        var parked = await (await admin.Client.GetAsync("/api/v1/events/parked?includeTotal=true")).ReadAsync<PagedList<ParkedEventDto>>();

        var only = Assert.Single(parked.Items);
        Assert.Equal((1, 10, "notifications: boom"), (parked.TotalCount, only.Attempts, only.LastError));
        Assert.Equal((EventType.TaskCreated, task.Id, admin.Id), (only.Envelope.Type, only.Envelope.TaskId, only.Envelope.Actor.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.Client.PostAsync($"/api/v1/events/{only.Id}/replay", null)).StatusCode);

        Assert.Equal(["0 pending"], await ColumnAsync($"SELECT attempts || ' ' || CASE WHEN parked_at IS NULL AND processed_at IS NULL THEN 'pending' ELSE 'other' END FROM outbox_messages WHERE id = '{only.Id}'"));
        Assert.Empty((await (await admin.Client.GetAsync("/api/v1/events/parked")).ReadAsync<PagedList<ParkedEventDto>>()).Items);
        await Problem.AssertAsync(await admin.Client.PostAsync($"/api/v1/events/{only.Id}/replay", null), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ParkedEvents_ArePagedWithValidatedParameters()
    {
        var admin = await SignUpAsync("admin");

        await Problem.AssertAsync(await admin.Client.GetAsync("/api/v1/events/parked?pageSize=0"), HttpStatusCode.BadRequest, "validation_failed");
        var unreadable = await Problem.AssertAsync(await admin.Client.GetAsync("/api/v1/events/parked?page=abc"), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("page", unreadable.Errors.Keys);
    }

    private async Task<List<string>> ColumnAsync(string sql)
    {
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
