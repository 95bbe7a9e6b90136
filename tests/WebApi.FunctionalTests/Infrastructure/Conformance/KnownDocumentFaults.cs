namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

/// <summary>
/// Where clients/openapi.json is wrong and the API right, one entry per fault, each saying what the document should
/// say. The response check skips exactly these errors; the rest of each answer is still checked. Fix the generator
/// (src/WebApi/OpenApi), regenerate the document, and delete the entry: the list should be empty.
/// </summary>
public static class KnownDocumentFaults
{
    public static IReadOnlyList<KnownDocumentFault> All { get; } = [];
}
