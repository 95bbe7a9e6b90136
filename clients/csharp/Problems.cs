namespace TaskOrchestration.Client;

/// <summary>Reads the RFC 9457 problem the API answers with, whatever its status.</summary>
public static class Problems
{
    /// <summary>The stable error code ("validation_failed", "task_already_taken", …), or null when the answer carried none.</summary>
    public static string? Code(this ApiException exception) => exception switch
    {
        ApiException<HttpValidationProblemDetails> validation => validation.Result.Code,
        ApiException<ProblemDetails> problem => problem.Result.Code,
        _ => null,
    };

    /// <summary>A validation problem's messages by field (camelCase, as in the request); empty for any other error.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors(this ApiException exception) =>
        exception is ApiException<HttpValidationProblemDetails> { Result.Errors: { } errors }
            ? errors.ToDictionary(error => error.Key, error => (IReadOnlyList<string>)[.. error.Value], StringComparer.Ordinal)
            : new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    /// <summary>The If-Match value that makes a change apply only to the version you read (412 otherwise).</summary>
    public static string IfMatch(this TaskDto task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return $"\"{task.Version}\"";
    }
}
