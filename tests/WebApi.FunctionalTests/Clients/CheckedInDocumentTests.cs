using System.Text.Json.Nodes;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;
using TaskOrchestration.TestSupport;

namespace TaskOrchestration.WebApi.FunctionalTests.Clients;

/// <summary>
/// clients/openapi.json, which the typed clients are generated from, is the document the API serves now: an API
/// change without regenerated clients fails here (GeneratedClientDriftTests, in the clients' live suite, checks that
/// the generated code is what that document generates).
/// </summary>
public sealed class CheckedInDocumentTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task TheClientsDocument_IsTheDocumentTheApiServes()
    {
        using var anonymous = Anonymous();
        var served = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        var checkedIn = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryFolder.Path, "clients", "openapi.json")));

        Assert.True(
            JsonNode.DeepEquals(served, checkedIn),
            "clients/openapi.json is not the document the API serves: run build/generate-clients.sh and commit what it changes.");
    }
}
