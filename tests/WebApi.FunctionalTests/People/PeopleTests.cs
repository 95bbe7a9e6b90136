using System.Net;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.People;
using TaskOrchestration.Application.Teams;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.People;

/// <summary>GET /api/v1/people: who may see whose name.</summary>
public sealed class PeopleTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task AMember_SeesThemselvesAndTheirTeamMates_AndNobodyElse()
    {
        var admin = await SignUpAsync("admin");
        var member = await SignUpAsync();
        var teamMate = await SignUpAsync();
        var stranger = await SignUpAsync();
        await TeamOfAsync(admin, "Ops", member, teamMate);
        await TeamOfAsync(admin, "Sales", stranger);

        var seen = await PeopleAsync(member, "?pageSize=100");

        Assert.Equal(new[] { member.Id, teamMate.Id }.Order(), seen.Items.Select(person => person.Id).Order());
        // Asking by id does not widen the circle: the stranger's id is answered like an unknown one.
        var byIds = await PeopleAsync(member, $"?ids={stranger.Id}&ids={teamMate.Id}&ids={Guid.NewGuid()}");
        Assert.Equal([teamMate.Id], byIds.Items.Select(person => person.Id));
    }

    [Theory]
    [InlineData("manager")]
    [InlineData("admin")]
    public async Task ManagersAndAdmins_SeeEveryone(string role)
    {
        var caller = await SignUpAsync(role);
        var loner = await SignUpAsync();

        var byId = await PeopleAsync(caller, $"?ids={loner.Id}");

        var person = Assert.Single(byId.Items);
        Assert.Equal((loner.Id, "Test User", true), (person.Id, person.DisplayName, person.IsActive));
    }

    [Fact]
    public async Task Search_MatchesTheDisplayNameIgnoringCase_NotTheEmail_AndTheListIsOrderedByName()
    {
        var manager = await SignUpAsync("manager");
        var zoe = await SignUpAsync();
        var ada = await SignUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await zoe.Client.PatchAsync("/api/v1/users/me", Json.Body(new { displayName = "Zoe Quill" }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ada.Client.PatchAsync("/api/v1/users/me", Json.Body(new { displayName = "Ada Quillfeather" }))).StatusCode);

        var byName = await PeopleAsync(manager, "?search=QUILL");
        var byEmail = await PeopleAsync(manager, $"?search={zoe.Email[..12]}");

        Assert.Equal(["Ada Quillfeather", "Zoe Quill"], byName.Items.Select(person => person.DisplayName));
        Assert.Empty(byEmail.Items);
    }

    [Fact]
    public async Task TooManyIds_OrABadPageSize_Are400_AndAnonymousCallersAre401()
    {
        var member = await SignUpAsync();
        var ids = string.Join('&', Enumerable.Range(0, 101).Select(_ => $"ids={Guid.NewGuid()}"));

        await Problem.AssertAsync(await member.Client.GetAsync($"/api/v1/people?{ids}"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.AssertAsync(await member.Client.GetAsync("/api/v1/people?pageSize=101"), HttpStatusCode.BadRequest, "validation_failed");
        using var anonymous = Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/people")).StatusCode);
    }

    [Fact]
    public async Task AnIdThatIsNotAGuid_IsA400_NamingIds()
    {
        var member = await SignUpAsync();

        var problem = await Problem.AssertAsync(
            await member.Client.GetAsync($"/api/v1/people?ids={member.Id}&ids=not-a-guid"), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains("ids", problem.Errors.Keys);
    }

    private static async Task<PagedList<PersonDto>> PeopleAsync(TestUser caller, string query) =>
        await (await caller.Client.GetAsync($"/api/v1/people{query}")).ReadAsync<PagedList<PersonDto>>();

    private static async Task TeamOfAsync(TestUser admin, string name, params TestUser[] members)
    {
        var team = await (await admin.Client.PostAsync("/api/v1/teams", Json.Body(new { name }))).ReadAsync<TeamDto>();
        foreach (var member in members)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.Client.PutAsync($"/api/v1/teams/{team.Id}/members/{member.Id}", null)).StatusCode);
        }
    }
}
