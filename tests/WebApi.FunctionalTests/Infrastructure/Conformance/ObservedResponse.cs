namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

/// <summary>An answer of the API, as <see cref="ResponseConformance"/> checks it against the document.</summary>
/// <param name="Method">The request's method, such as GET.</param>
/// <param name="Path">The request's path, without the query.</param>
/// <param name="Status">The answer's status code.</param>
/// <param name="ContentType">The answer's Content-Type header, if any.</param>
/// <param name="HeaderNames">The names of the answer's headers, content headers included.</param>
/// <param name="Body">The answer's body, empty when it has none.</param>
public sealed record ObservedResponse(
    string Method,
    string Path,
    int Status,
    string? ContentType,
    IReadOnlySet<string> HeaderNames,
    ReadOnlyMemory<byte> Body);
