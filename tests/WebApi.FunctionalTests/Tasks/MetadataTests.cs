using System.Net;
using System.Text;
using System.Text.Json;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

public sealed class MetadataTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Metadata_IsStoredAndReturnedAsGiven_AndReplacedByPatch()
    {
        var user = await SignUpAsync();

        var created = await user.Client.PostAsync("/api/v1/tasks", new StringContent("""{"title":"With data","metadata":{"ticket":"OPS-42","weights":[1,2.5],"nested":{"ok":true}}}""", Encoding.UTF8, "application/json"));
        var task = await created.ReadAsync<TaskDto>();

        Assert.Equal("OPS-42", task.Metadata!.Value.GetProperty("ticket").GetString());
        Assert.Equal(2.5, task.Metadata.Value.GetProperty("weights")[1].GetDouble());
        Assert.True((await GetTaskAsync(user, task.Id)).Metadata!.Value.GetProperty("nested").GetProperty("ok").GetBoolean());

        var patched = await (await user.Client.PatchAsync($"/api/v1/tasks/{task.Id}", new StringContent("""{"metadata":{"ticket":"OPS-43"}}""", Encoding.UTF8, "application/json"))).ReadAsync<TaskDto>();
        Assert.Equal("OPS-43", patched.Metadata!.Value.GetProperty("ticket").GetString());
        Assert.Equal(JsonValueKind.Undefined, patched.Metadata.Value.TryGetProperty("weights", out var gone) ? gone.ValueKind : JsonValueKind.Undefined);
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public async Task MetadataThatIsNotAnObject_Answers400(string metadata)
    {
        var user = await SignUpAsync();

        var response = await user.Client.PostAsync("/api/v1/tasks", new StringContent($$"""{"title":"Bad","metadata":{{metadata}}}""", Encoding.UTF8, "application/json"));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("metadata", problem.Errors.Keys);
    }

    [Fact]
    public async Task MetadataOver16KiB_Answers400()
    {
        var user = await SignUpAsync();
        var big = JsonSerializer.Serialize(new { blob = new string('x', 16 * 1024) });

        var response = await user.Client.PostAsync("/api/v1/tasks", new StringContent($$"""{"title":"Big","metadata":{{big}}}""", Encoding.UTF8, "application/json"));

        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
    }
}
