using System.Net;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Users;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Auth;

public sealed class UserAdministrationTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Deactivation_StopsTheUsersTokensSignInAndRefresh_AndReactivationRestoresSignIn()
    {
        var admin = await SignUpAsync("admin");
        var user = await SignUpAsync();
        using var anonymous = Anonymous();
        var tokens = await (await anonymous.PostAsync("/api/v1/auth/token", Json.Body(new { email = user.Email, password = Password })))
            .ReadAsync<Application.Users.Commands.IssueToken.AccessTokenDto>();

        var deactivated = await (await admin.Client.PostAsync($"/api/v1/users/{user.Id}/deactivate", null)).ReadAsync<UserDto>();

        Assert.False(deactivated.IsActive);
        await Problem.AssertAsync(await user.Client.GetAsync("/api/v1/users/me"), HttpStatusCode.Unauthorized, "unauthorized");
        await Problem.AssertAsync(await anonymous.PostAsync("/api/v1/auth/token", Json.Body(new { email = user.Email, password = Password })), HttpStatusCode.Unauthorized, "invalid_credentials");
        await Problem.AssertAsync(await anonymous.PostAsync("/api/v1/auth/refresh", Json.Body(new { refreshToken = tokens.RefreshToken })), HttpStatusCode.Unauthorized, "invalid_refresh_token");

        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PostAsync($"/api/v1/users/{user.Id}/reactivate", null)).StatusCode);
        await SignInAsync(user.Email, Password);
    }

    [Fact]
    public async Task RoleChange_AppliesFromTheNextToken()
    {
        var admin = await SignUpAsync("admin");
        var user = await SignUpAsync();

        var changed = await (await admin.Client.PutAsync($"/api/v1/users/{user.Id}/role", Json.Body(new { role = "manager" }))).ReadAsync<UserDto>();

        Assert.Equal(UserRole.Manager, changed.Role);
        var fresh = await SignInAsync(user.Email, Password);
        Assert.Equal(UserRole.Manager, (await (await fresh.GetAsync("/api/v1/users/me")).ReadAsync<UserDto>()).Role);
    }

    [Fact]
    public async Task Admins_CannotDemoteOrDeactivateThemselves()
    {
        var admin = await SignUpAsync("admin");

        await Problem.AssertAsync(await admin.Client.PutAsync($"/api/v1/users/{admin.Id}/role", Json.Body(new { role = "member" })), HttpStatusCode.Conflict, "cannot_demote_self");
        await Problem.AssertAsync(await admin.Client.PostAsync($"/api/v1/users/{admin.Id}/deactivate", null), HttpStatusCode.Conflict, "cannot_deactivate_self");
    }

    [Fact]
    public async Task ListUsers_FiltersByRoleAndSearch_AndPages()
    {
        var admin = await SignUpAsync("admin");
        var manager = await SignUpAsync("manager");
        await SignUpAsync();
        await SignUpAsync();

        var managers = await ListAsync(admin, "?role=manager");
        var search = await ListAsync(admin, $"?search={manager.Email[..12].ToUpperInvariant()}");
        var firstPage = await ListAsync(admin, "?pageSize=3&includeTotal=true");

        Assert.Equal([manager.Id], managers.Items.Select(user => user.Id));
        Assert.Equal([manager.Id], search.Items.Select(user => user.Id));
        // Four people and the two system users (deactivated): the worker engine, which owns the automated tasks it
        // runs, and the scheduler, the actor of the scheduled jobs' changes.
        Assert.Equal((3, (int?)6, true), (firstPage.Items.Count, firstPage.TotalCount, firstPage.HasMore));
        await Problem.AssertAsync(await admin.Client.GetAsync("/api/v1/users?role=overlord"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task ListUsers_FiltersByTeam()
    {
        var admin = await SignUpAsync("admin");
        var member = await SignUpAsync();
        await SignUpAsync();
        var team = await (await admin.Client.PostAsync("/api/v1/teams", Json.Body(new { name = "Ops" }))).ReadAsync<Application.Teams.TeamDto>();
        Assert.Equal(HttpStatusCode.OK, (await admin.Client.PutAsync($"/api/v1/teams/{team.Id}/members/{member.Id}", null)).StatusCode);

        var inTeam = await ListAsync(admin, $"?teamId={team.Id}");

        Assert.Equal([member.Id], inTeam.Items.Select(user => user.Id));
    }

    [Fact]
    public async Task UnknownUser_Answers404()
    {
        var admin = await SignUpAsync("admin");

        await Problem.AssertAsync(await admin.Client.PostAsync($"/api/v1/users/{Guid.NewGuid()}/deactivate", null), HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Profile_CanBeEdited()
    {
        var user = await SignUpAsync();

        var updated = await (await user.Client.PatchAsync("/api/v1/users/me", Json.Body(new { displayName = "  Grace Hopper " }))).ReadAsync<UserDto>();

        Assert.Equal("Grace Hopper", updated.DisplayName);
        await Problem.AssertAsync(await user.Client.PatchAsync("/api/v1/users/me", Json.Body(new { displayName = "" })), HttpStatusCode.BadRequest, "validation_failed");
    }

    private static async Task<PagedList<UserDto>> ListAsync(TestUser admin, string query)
    {
        var response = await admin.Client.GetAsync($"/api/v1/users{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<PagedList<UserDto>>();
    }
}
