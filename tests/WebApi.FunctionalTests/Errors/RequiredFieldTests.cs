using System.Net;
using System.Text;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Users;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Errors;

/// <summary>A body without a field the document requires is refused and changes nothing, rather than read as the field's default.</summary>
public sealed class RequiredFieldTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task ChangingARoleWithoutTheRole_Answers400NamingIt_AndLeavesTheRole()
    {
        var admin = await SignUpAsync("admin");
        var manager = await SignUpAsync("manager");

        var response = await admin.Client.PutAsync($"/api/v1/users/{manager.Id}/role", new StringContent("{}", Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        Assert.Equal(["role"], problem.Errors.Keys);
        Assert.Equal("manager", await RoleOfAsync(admin, manager.Id));
    }

    [Fact]
    public async Task ChangingARoleWithAMisspeltRole_Answers400_AndLeavesTheRole()
    {
        var admin = await SignUpAsync("admin");
        var manager = await SignUpAsync("manager");

        var response = await admin.Client.PutAsync($"/api/v1/users/{manager.Id}/role", new StringContent("""{"rol":"admin"}""", Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "malformed_request");
        Assert.Equal("manager", await RoleOfAsync(admin, manager.Id));
    }

    private static async Task<string> RoleOfAsync(TestUser admin, Guid userId)
    {
        var users = await (await admin.Client.GetAsync("/api/v1/users?pageSize=100")).ReadAsync<PagedList<UserDto>>();
        return users.Items.Single(user => user.Id == userId).Role.ToString().ToLowerInvariant();
    }
}
