namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

/// <summary>
/// Where clients/openapi.json is wrong and the API right, one entry per fault, each saying what the document should
/// say. The response check skips exactly these errors; the rest of each answer is still checked. Fix the generator
/// (src/WebApi/OpenApi), regenerate the document, and delete the entry: the list should be empty.
/// </summary>
public static class KnownDocumentFaults
{
    public static IReadOnlyList<KnownDocumentFault> All { get; } =
    [
        // An operation that reads a JSON body answers 415 (ProblemDetails, code unsupported_media_type) to a body in
        // another media type or an unknown charset; the document lists no 415. Should be: a 415 response with
        // application/problem+json ProblemDetails on every operation with a requestBody.
        new("/responses/415", "Operations with a request body answer 415 to a body they cannot read; document it."),

        // These operations' validators refuse the empty uuid (00000000-...) in the path with a 400
        // HttpValidationProblemDetails (validation_failed); their documents list no 400. Should be: 400 with
        // application/problem+json HttpValidationProblemDetails, as every other operation with an id has.
        new("/responses/400", "GetTeam answers 400 to an empty team id.", OperationId: "GetTeam", Status: 400),
        new("/responses/400", "AddTeamMember answers 400 to an empty team or user id.", OperationId: "AddTeamMember", Status: 400),
        new("/responses/400", "RemoveTeamMember answers 400 to an empty team or user id.", OperationId: "RemoveTeamMember", Status: 400),
        new("/responses/400", "DeleteComment answers 400 to an empty task or comment id.", OperationId: "DeleteComment", Status: 400),

        // GET /api/v1/lifecycle?format=mermaid answers the state diagram as text/plain (its summary says so); the
        // document's 200 lists application/json only. Should be: 200 with application/json (LifecycleDto) and
        // text/plain (type: string).
        new("/responses/200/content", "GetLifecycle's 200 is text/plain too, for format=mermaid.", OperationId: "GetLifecycle", Status: 200),
    ];
}
