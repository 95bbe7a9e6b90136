using System.Net;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Teams;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

public sealed class TeamVisibilityTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task TeamTasks_AreListedOnlyForTheTeamManagersAndAdmins()
    {
        var manager = await SignUpAsync("manager");
        var insider = await SignUpAsync();
        var outsider = await SignUpAsync();
        var team = await CreateTeamAsync(manager, "Platform", insider);
        var secret = await CreateTeamTaskAsync(insider, team.Id);
        var open = await CreateTaskAsync(outsider, "Open to all");

        Assert.Equal([open.Id], await ListIdsAsync(outsider, string.Empty));
        Assert.Equal(new[] { open.Id, secret.Id }.Order(), (await ListIdsAsync(insider, string.Empty)).Order());
        Assert.Equal(new[] { open.Id, secret.Id }.Order(), (await ListIdsAsync(manager, string.Empty)).Order());
        Assert.Equal([secret.Id], await ListIdsAsync(insider, $"?teamId={team.Id}"));
        Assert.Empty(await ListIdsAsync(outsider, $"?teamId={team.Id}"));
        await Problem.AssertAsync(await outsider.Client.GetAsync($"/api/v1/tasks/{secret.Id}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task LeavingATeam_HidesItsTasks()
    {
        var manager = await SignUpAsync("manager");
        var insider = await SignUpAsync();
        var team = await CreateTeamAsync(manager, "Platform", insider);
        var task = await CreateTeamTaskAsync(insider, team.Id);
        // Seen once, so the API holds the insider's teams (AccessStateCache): leaving must still hide it at once.
        Assert.Equal(HttpStatusCode.OK, (await insider.Client.GetAsync($"/api/v1/tasks/{task.Id}")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await manager.Client.DeleteAsync($"/api/v1/teams/{team.Id}/members/{insider.Id}")).StatusCode);

        await Problem.AssertAsync(await insider.Client.GetAsync($"/api/v1/tasks/{task.Id}"), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task CreatingATaskInSomeoneElsesTeam_Answers400()
    {
        var manager = await SignUpAsync("manager");
        var outsider = await SignUpAsync();
        var team = await CreateTeamAsync(manager, "Platform");

        var problem = await Problem.AssertAsync(
            await outsider.Client.PostAsync("/api/v1/tasks", Json.Body(new { title = "Sneaky", teamId = team.Id })), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains("teamId", problem.Errors.Keys);
    }

    [Fact]
    public async Task Teams_HaveUniqueNames_AndMembersSeeOnlyTheirOwn()
    {
        var manager = await SignUpAsync("manager");
        var member = await SignUpAsync();
        var platform = await CreateTeamAsync(manager, "Platform", member);
        await CreateTeamAsync(manager, "Billing");

        await Problem.AssertAsync(await manager.Client.PostAsync("/api/v1/teams", Json.Body(new { name = "Platform" })), HttpStatusCode.Conflict, "team_name_taken");
        var mine = await (await member.Client.GetAsync("/api/v1/teams")).ReadAsync<List<TeamDto>>();
        var all = await (await manager.Client.GetAsync("/api/v1/teams")).ReadAsync<List<TeamDto>>();

        Assert.Equal([platform.Id], mine.Select(team => team.Id));
        Assert.Equal(["Billing", "Platform"], all.Select(team => team.Name));
        Assert.Equal([member.Id], mine[0].MemberIds);
    }

    private static async Task<TeamDto> CreateTeamAsync(TestUser manager, string name, params TestUser[] members)
    {
        var response = await manager.Client.PostAsync("/api/v1/teams", Json.Body(new { name }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var team = await response.ReadAsync<TeamDto>();
        foreach (var member in members)
        {
            Assert.Equal(HttpStatusCode.OK, (await manager.Client.PutAsync($"/api/v1/teams/{team.Id}/members/{member.Id}", null)).StatusCode);
        }

        return team;
    }

    private static async Task<TaskDto> CreateTeamTaskAsync(TestUser user, Guid teamId)
    {
        var response = await user.Client.PostAsync("/api/v1/tasks", Json.Body(new { title = "Team secret", teamId }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var task = await response.ReadAsync<TaskDto>();
        Assert.Equal(teamId, task.TeamId);
        return task;
    }

    private static async Task<List<Guid>> ListIdsAsync(TestUser user, string query)
    {
        var page = await (await user.Client.GetAsync($"/api/v1/tasks{query}")).ReadAsync<PagedList<TaskDto>>();
        return [.. page.Items.Select(task => task.Id)];
    }
}
