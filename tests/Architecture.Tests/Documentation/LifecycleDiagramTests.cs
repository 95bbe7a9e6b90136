using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Architecture.Tests.Documentation;

/// <summary>
/// docs/architecture.md shows the lifecycle as the machine draws it (Stateless's Mermaid export, what
/// GET /api/v1/lifecycle?format=mermaid answers): a change to the machine without the page fails here.
/// </summary>
public sealed class LifecycleDiagramTests
{
    private const string Document = "docs/architecture.md";

    [Fact]
    public void TheArchitecturePagesDiagram_IsTheMachinesOwn()
    {
        var page = RepositoryFiles.Read(Document);
        var start = page.IndexOf("```mermaid\nstateDiagram-v2", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{Document} has no Mermaid state diagram.");
        var body = start + "```mermaid\n".Length;
        var diagram = page[body..page.IndexOf("\n```", body, StringComparison.Ordinal)];

        var machines = TaskLifecycle.Map().Mermaid.ReplaceLineEndings("\n").TrimEnd('\n');
        Assert.True(diagram == machines, $"{Document}'s lifecycle diagram is not the machine's. Replace it with:\n{machines}");
    }
}
