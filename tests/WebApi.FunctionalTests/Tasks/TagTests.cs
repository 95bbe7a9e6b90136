using System.Net;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tags;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

public sealed class TagTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Tags_AreNormalised_Filterable_AndCounted()
    {
        var user = await SignUpAsync();
        var backend = await CreateTaskAsync(user, "Backend");
        var both = await CreateTaskAsync(user, "Both");
        await CreateTaskAsync(user, "None");

        var tagged = await TagAsync(user, backend.Id, "Backend", " urgent ", "BACKEND");
        await TagAsync(user, both.Id, "backend", "frontend");

        Assert.Equal(["backend", "urgent"], tagged.Tags);
        Assert.Equal(new[] { backend.Id, both.Id }.Order(), (await ListIdsAsync(user, "?tag=backend")).Order());
        Assert.Equal([both.Id], await ListIdsAsync(user, "?tag=backend&tag=Frontend"));
        var usage = await (await user.Client.GetAsync("/api/v1/tags")).ReadAsync<List<TagUsage>>();
        Assert.Equal([("backend", 2), ("frontend", 1), ("urgent", 1)], usage.Select(tag => (tag.Name, tag.Count)));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("")]
    public async Task InvalidTags_Answer400(string tag)
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);

        var problem = await Problem.AssertAsync(await user.Client.PutAsync($"/api/v1/tasks/{task.Id}/tags", Json.Body(new { tags = new[] { tag } })), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains(problem.Errors.Keys, key => key.StartsWith("tags", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MoreThanTwentyTags_Answer400()
    {
        var user = await SignUpAsync();
        var task = await CreateTaskAsync(user);

        var tooMany = Enumerable.Range(0, 21).Select(i => $"tag-{i}").ToArray();
        await Problem.AssertAsync(await user.Client.PutAsync($"/api/v1/tasks/{task.Id}/tags", Json.Body(new { tags = tooMany })), HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(HttpStatusCode.OK, (await user.Client.PutAsync($"/api/v1/tasks/{task.Id}/tags", Json.Body(new { tags = tooMany[..20] }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.Client.PutAsync($"/api/v1/tasks/{task.Id}/tags", Json.Body(new { tags = new[] { new string('a', 40) } }))).StatusCode);
        await Problem.AssertAsync(await user.Client.PutAsync($"/api/v1/tasks/{task.Id}/tags", Json.Body(new { tags = new[] { new string('a', 41) } })), HttpStatusCode.BadRequest, "validation_failed");
    }

    private static async Task<TaskDto> TagAsync(TestUser user, Guid id, params string[] tags)
    {
        var response = await user.Client.PutAsync($"/api/v1/tasks/{id}/tags", Json.Body(new { tags }));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<TaskDto>();
    }

    private static async Task<List<Guid>> ListIdsAsync(TestUser user, string query)
    {
        var page = await (await user.Client.GetAsync($"/api/v1/tasks{query}")).ReadAsync<PagedList<TaskDto>>();
        return [.. page.Items.Select(task => task.Id)];
    }
}
