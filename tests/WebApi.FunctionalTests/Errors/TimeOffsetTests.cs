using System.Net;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Errors;

/// <summary>
/// A time written with an offset other than UTC ("+02:00") is the same instant as its UTC spelling: it is stored,
/// compared and answered as that instant (PostgreSQL's driver refuses to write any other offset, which was a 500).
/// </summary>
public sealed class TimeOffsetTests(ApiFactory factory) : ApiTestBase(factory)
{
    private const string NoonInBerlinSummer = "2030-06-01T12:00:00+02:00";
    private static readonly DateTimeOffset TenUtc = new(2030, 6, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CreatingWithAnOffsetDueDate_StoresTheInstant()
    {
        var user = await SignUpAsync();

        var response = await user.Client.PostAsync("/api/v1/tasks", Json.Body(new { title = "Due at noon in Berlin", dueDate = NoonInBerlinSummer }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var task = await GetTaskAsync(user, (await response.ReadAsync<TaskDto>()).Id);
        Assert.Equal(TenUtc, task.DueDate);
    }

    [Fact]
    public async Task EditingToAnOffsetDueDate_StoresTheInstant()
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);

        var response = await user.Client.PatchAsync($"/api/v1/tasks/{task.Id}", Json.Body(new { dueDate = "2030-06-01T05:00:00-05:00" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TenUtc, (await GetTaskAsync(user, task.Id)).DueDate);
    }

    [Fact]
    public async Task AnAutomatedTaskWithAnOffsetRunAfter_IsCreated()
    {
        var user = await SignUpAsync();

        var response = await user.Client.PostAsync("/api/v1/tasks", Json.Body(new { title = "Later", kind = "system.noop", runAfter = NoonInBerlinSummer }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("2030-06-01T12:30:00%2B02:00", true)]
    [InlineData("2030-06-01T11:30:00%2B02:00", false)]
    public async Task ListingDueBeforeAnOffsetTime_ComparesInstants(string dueBefore, bool listed)
    {
        var user = await SignUpAsync();
        await user.Client.PostAsync("/api/v1/tasks", Json.Body(new { title = "Due at ten UTC", dueDate = TenUtc }));

        var response = await user.Client.GetAsync($"/api/v1/tasks?dueBefore={dueBefore}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(listed, (await response.ReadAsync<PagedList<TaskDto>>()).Items.Any(task => task.Title == "Due at ten UTC"));
    }
}
