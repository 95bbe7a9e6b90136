using System.Net;
using System.Text.Json.Nodes;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

/// <summary>
/// What a write answers is what a later read of the same resource answers, to the microsecond: times are stamped at
/// the precision PostgreSQL keeps, so a client that compares (or caches) the created resource sees no change.
/// </summary>
public sealed class WriteAnswerMatchesReadTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task ACreatedTeam_AnswersTheTimesItIsReadWith()
    {
        var manager = await SignUpAsync("manager");
        var created = await ReadJsonAsync(await manager.Client.PostAsync("/api/v1/teams", Json.Body(new { name = $"Team {Guid.NewGuid():N}" })), HttpStatusCode.Created);

        var listed = (await ReadJsonAsync(await manager.Client.GetAsync("/api/v1/teams"), HttpStatusCode.OK)).AsArray()
            .Single(team => team!["id"]!.GetValue<string>() == created["id"]!.GetValue<string>())!;

        Assert.Equal(listed["createdAt"]!.GetValue<string>(), created["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACreatedTaskAndComment_AnswerTheTimesTheyAreReadWith()
    {
        var member = await SignUpAsync();
        var task = await ReadJsonAsync(await member.Client.PostAsync("/api/v1/tasks", Json.Body(new { title = "Stamped" })), HttpStatusCode.Created);
        var id = task["id"]!.GetValue<string>();
        var comment = await ReadJsonAsync(await member.Client.PostAsync($"/api/v1/tasks/{id}/comments", Json.Body(new { body = "Noted." })), HttpStatusCode.Created);

        var read = await ReadJsonAsync(await member.Client.GetAsync($"/api/v1/tasks/{id}"), HttpStatusCode.OK);
        var comments = await ReadJsonAsync(await member.Client.GetAsync($"/api/v1/tasks/{id}/comments"), HttpStatusCode.OK);

        Assert.Equal(read["createdAt"]!.GetValue<string>(), task["createdAt"]!.GetValue<string>());
        Assert.Equal(read["updatedAt"]!.GetValue<string>(), task["updatedAt"]!.GetValue<string>());
        Assert.Equal(comments["items"]![0]!["createdAt"]!.GetValue<string>(), comment["createdAt"]!.GetValue<string>());
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
