using System.Net.Http.Headers;
using System.Text.Json;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>
/// What every answer must be, however hostile the request: a 2xx or 3xx, or a 4xx <c>application/problem+json</c>
/// carrying a <c>code</c>; never a 5xx. A request the document says is wrong must be refused, and the admin's valid
/// baseline must be accepted (otherwise the mutations built on it never reach the code they aim at).
/// </summary>
internal static class AnswerRules
{
    public const string ServerError = "server error (5xx)";
    public const string NotAProblem = "4xx that is not application/problem+json";
    public const string ProblemWithoutCode = "problem without a code";
    public const string Accepted = "accepted what it must refuse";
    public const string BaselineRefused = "valid baseline refused";
    public const string Threw = "no answer (the request threw)";

    /// <summary>The rule the answer breaks, or null when it keeps them all.</summary>
    public static string? Broken(int status, MediaTypeHeaderValue? contentType, string body, Expectation expectation, bool isAdminBaseline)
    {
        if (status >= 500)
        {
            return ServerError;
        }

        if (status >= 400)
        {
            if (contentType?.MediaType != "application/problem+json")
            {
                return NotAProblem;
            }

            return HasCode(body) ? (isAdminBaseline ? BaselineRefused : null) : ProblemWithoutCode;
        }

        if (status < 200)
        {
            return ServerError;
        }

        return expectation == Expectation.Refusal ? Accepted : null;
    }

    private static bool HasCode(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.ValueKind == JsonValueKind.Object
                && problem.RootElement.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(code.GetString());
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
