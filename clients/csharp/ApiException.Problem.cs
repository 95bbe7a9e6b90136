using System.Text.Json;

namespace TaskOrchestration.Client;

/// <summary>
/// Every failed call throws an <see cref="ApiException"/> (the generated client throws
/// <c>ApiException&lt;ProblemDetails&gt;</c> or <c>ApiException&lt;HttpValidationProblemDetails&gt;</c> for the
/// problems it documents, both of them ApiExceptions): catch this one type, and read the problem the API answered
/// from it, validation problems included, whatever the status.
/// </summary>
public partial class ApiException
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

    private ProblemFields? _problem;

    /// <summary>The stable error code ("validation_failed", "task_already_taken", …), or null when the answer was not a problem.</summary>
    public string? Code => Problem.Code;

    /// <summary>The problem's short, human-readable summary, or null.</summary>
    public string? Title => Problem.Title;

    /// <summary>What went wrong this time, for people, or null.</summary>
    public string? Detail => Problem.Detail;

    /// <summary>The trace id of the request, to find it in the API's logs, or null.</summary>
    public string? TraceId => Problem.TraceId;

    /// <summary>A validation problem's messages by request field (camelCase, as in the request); empty for any other error.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors => Problem.Errors;

    private ProblemFields Problem => _problem ??= ProblemFields.Read(Response);

    private sealed record ProblemFields(string? Code, string? Title, string? Detail, string? TraceId, IReadOnlyDictionary<string, IReadOnlyList<string>> Errors)
    {
        private static readonly ProblemFields None = new(null, null, null, null, NoErrors);

        public static ProblemFields Read(string? response)
        {
            if (string.IsNullOrEmpty(response))
            {
                return None;
            }

            try
            {
                using var document = JsonDocument.Parse(response);
                var root = document.RootElement;
                return root.ValueKind != JsonValueKind.Object
                    ? None
                    : new ProblemFields(Text(root, "code"), Text(root, "title"), Text(root, "detail"), Text(root, "traceId"), FieldErrors(root));
            }
            catch (JsonException)
            {
                // Not a problem document (a proxy's HTML page, say): the status and Response are all there is.
                return None;
            }
        }

        private static string? Text(JsonElement problem, string name) =>
            problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors(JsonElement problem)
        {
            if (!problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
            {
                return NoErrors;
            }

            var byField = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var field in errors.EnumerateObject())
            {
                byField[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                    ? [.. field.Value.EnumerateArray().Where(message => message.ValueKind == JsonValueKind.String).Select(message => message.GetString()!)]
                    : [];
            }

            return byField;
        }
    }
}
