using System.Net;
using TaskOrchestration.Application.Tasks.Queries.GetLifecycle;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

/// <summary>GET /api/v1/lifecycle publishes the machine that enforces the lifecycle, as JSON and as a Mermaid diagram.</summary>
public sealed class LifecycleEndpointTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task TheLifecycle_ListsEachTransitionWithItsGuards_TheCodesTheApiAnswers()
    {
        var member = await SignUpAsync();
        var creator = await SignUpAsync();
        var task = await CreateTaskAsync(creator);
        await FireOkAsync(creator, task.Id, "take");

        var lifecycle = await (await member.Client.GetAsync("/api/v1/lifecycle")).ReadAsync<LifecycleDto>();

        var complete = Assert.Single(lifecycle.Transitions, transition => transition.From == TaskItemStatus.Running && transition.Trigger == TaskTrigger.Complete);
        Assert.Equal(TaskItemStatus.Done, complete.To);
        var guard = Assert.Single(complete.Guards);
        await Problem.AssertAsync(await FireAsync(member, task.Id, "complete"), HttpStatusCode.Forbidden, guard.Code);
        Assert.Equal(Enum.GetValues<TaskItemStatus>(), lifecycle.States);
    }

    [Fact]
    public async Task FormatMermaid_AnswersTheDiagramAlone_AsText_TheSameAsTheJsonCarries()
    {
        var member = await SignUpAsync();

        var json = await (await member.Client.GetAsync("/api/v1/lifecycle?format=json")).ReadAsync<LifecycleDto>();
        var response = await member.Client.GetAsync("/api/v1/lifecycle?format=mermaid");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(json.Mermaid, await response.Content.ReadAsStringAsync());
        Assert.StartsWith("stateDiagram-v2", json.Mermaid, StringComparison.Ordinal);
        await Problem.AssertAsync(await member.Client.GetAsync("/api/v1/lifecycle?format=svg"), HttpStatusCode.BadRequest, "validation_failed");
    }
}
