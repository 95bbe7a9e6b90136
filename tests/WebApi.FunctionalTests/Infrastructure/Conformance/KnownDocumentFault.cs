namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

/// <summary>
/// A rule of the document that the API rightly does not follow (the document is wrong, not the answer): its errors are
/// not violations until the generator is fixed. See <see cref="KnownDocumentFaults"/>.
/// </summary>
/// <param name="SchemaLocation">The failing schema keyword's location in the document, such as #/components/schemas/ProblemDetails/required.</param>
/// <param name="Keyword">The JSON Schema keyword that fails, such as required.</param>
/// <param name="Why">What the document should say instead.</param>
/// <param name="OperationId">Only for answers of this operation; null for every operation.</param>
/// <param name="Status">Only for answers with this status; null for every status.</param>
public sealed record KnownDocumentFault(string SchemaLocation, string Keyword, string Why, string? OperationId = null, int? Status = null)
{
    public bool Covers(string? operationId, int status, string schemaLocation, string keyword) =>
        string.Equals(keyword, Keyword, StringComparison.Ordinal)
        && schemaLocation.EndsWith(SchemaLocation, StringComparison.Ordinal)
        && (OperationId is null || string.Equals(operationId, OperationId, StringComparison.Ordinal))
        && (Status is null || status == Status);
}
