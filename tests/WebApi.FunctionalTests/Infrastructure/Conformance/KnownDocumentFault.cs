namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

/// <summary>
/// A rule of the document that the API rightly does not follow (the document is wrong, not the answer): its
/// violations are not reported until the generator is fixed. See <see cref="KnownDocumentFaults"/>.
/// </summary>
/// <param name="Rule">
/// The end of the broken rule's JSON pointer into the document, as a violation names it: a schema keyword such as
/// #/components/schemas/ProblemDetails/required, or /responses/415 for a status an operation does not document.
/// </param>
/// <param name="Why">What the document should say instead.</param>
/// <param name="OperationId">Only for answers of this operation; null for every operation.</param>
/// <param name="Status">Only for answers with this status; null for every status.</param>
public sealed record KnownDocumentFault(string Rule, string Why, string? OperationId = null, int? Status = null)
{
    public bool Covers(string? operationId, int status, string rule) =>
        rule.EndsWith(Rule, StringComparison.Ordinal)
        && (OperationId is null || string.Equals(operationId, OperationId, StringComparison.Ordinal))
        && (Status is null || status == Status);
}
