using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using TaskOrchestration.Application.Schedules;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Schedules;

/// <summary>GET /api/v1/schedules over HTTP: each job's schedule as configured, its next slot, and its last run as the workers recorded it.</summary>
public sealed class ScheduleEndpointTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task AManager_SeesEachJob_WithItsDefaultSchedule_AndItsNextSlot()
    {
        var manager = await SignUpAsync("manager");
        var before = DateTimeOffset.UtcNow;

        var schedules = await (await manager.Client.GetAsync("/api/v1/schedules")).ReadAsync<List<ScheduleDto>>();

        var after = DateTimeOffset.UtcNow;
        var overdue = schedules.Single(schedule => schedule.Name == "overdue-detection");
        var cleanup = schedules.Single(schedule => schedule.Name == "cleanup");
        Assert.Equal(("* * * * *", "UTC", true), (overdue.Cron, overdue.TimeZone, overdue.Enabled));
        Assert.Equal(("0 3 * * *", "UTC", true), (cleanup.Cron, cleanup.TimeZone, cleanup.Enabled));
        // The next whole minute after the request, and the next 03:00 UTC.
        Assert.InRange(overdue.NextRunAt!.Value, before, after.AddMinutes(1));
        Assert.Equal((0, 0), (overdue.NextRunAt.Value.Second, overdue.NextRunAt.Value.Millisecond));
        Assert.Equal((3, 0), (cleanup.NextRunAt!.Value.UtcDateTime.Hour, cleanup.NextRunAt.Value.Minute));
        Assert.InRange(cleanup.NextRunAt.Value, before, after.AddDays(1));
        Assert.Null(overdue.LastRun);
    }

    [Fact]
    public async Task TheLastRun_IsWhatTheWorkersRecorded_AsJson()
    {
        var admin = await SignUpAsync("admin");
        var slot = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);
        await RecordRunAsync("cleanup", slot.AddDays(-1), "succeeded", summary: "Deleted 0 archived tasks.", error: null);
        await RecordRunAsync("cleanup", slot, "failed", summary: null, error: "TimeoutException: The operation has timed out.");

        var response = await admin.Client.GetAsync("/api/v1/schedules");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cleanup = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .Single(schedule => schedule.GetProperty("name").GetString() == "cleanup");
        var lastRun = cleanup.GetProperty("lastRun");
        Assert.Equal(
            ["slot", "startedAt", "finishedAt", "outcome", "summary", "error", "runner"],
            lastRun.EnumerateObject().Select(property => property.Name));
        Assert.Equal(slot, lastRun.GetProperty("slot").GetDateTimeOffset());
        Assert.Equal(slot.AddSeconds(30), lastRun.GetProperty("finishedAt").GetDateTimeOffset());
        Assert.Equal(("failed", "TimeoutException: The operation has timed out.", "host:42:abcd1234"), (lastRun.GetProperty("outcome").GetString(), lastRun.GetProperty("error").GetString(), lastRun.GetProperty("runner").GetString()));
        Assert.Equal(JsonValueKind.Null, lastRun.GetProperty("summary").ValueKind);
    }

    [Fact]
    public async Task ADisabledJob_IsListed_WithoutANextRun()
    {
        using var disabled = Factory.WithWebHostBuilder(builder => builder
            .UseSetting("Schedules:cleanup:Enabled", "false")
            .UseSetting("Schedules:cleanup:TimeZone", "Europe/Paris"));
        var manager = await SignUpAsync("manager");
        using var client = disabled.CreateClient();
        client.DefaultRequestHeaders.Authorization = manager.Client.DefaultRequestHeaders.Authorization;

        var schedules = await (await client.GetAsync("/api/v1/schedules")).ReadAsync<List<ScheduleDto>>();

        var cleanup = schedules.Single(schedule => schedule.Name == "cleanup");
        Assert.Equal(("Europe/Paris", false, (DateTimeOffset?)null), (cleanup.TimeZone, cleanup.Enabled, cleanup.NextRunAt));
    }

    [Fact]
    public async Task AMember_IsRefused()
    {
        var member = await SignUpAsync();

        await Problem.AssertAsync(await member.Client.GetAsync("/api/v1/schedules"), HttpStatusCode.Forbidden, "role_required");
    }

    private async Task RecordRunAsync(string job, DateTimeOffset slot, string outcome, string? summary, string? error)
    {
        await using var connection = await Factory.Database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO schedule_runs (job, slot, runner, started_at, finished_at, outcome, summary, error)
            VALUES (@job, @slot, 'host:42:abcd1234', @slot, @finished, @outcome, @summary, @error)
            """,
            connection);
        command.Parameters.AddWithValue("job", job);
        command.Parameters.AddWithValue("slot", slot);
        command.Parameters.AddWithValue("finished", slot.AddSeconds(30));
        command.Parameters.AddWithValue("outcome", outcome);
        command.Parameters.AddWithValue("summary", (object?)summary ?? DBNull.Value);
        command.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }
}
