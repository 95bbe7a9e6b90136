using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace TaskOrchestration.WebApi.Errors;

/// <summary>
/// What every problem-details answer carries, whoever wrote it (the exception handler, the status-code pages after an
/// authentication challenge, the rate limiter...): a <c>type</c>, a <c>title</c>, a <c>detail</c>, the
/// <c>status</c>, the <c>instance</c>, a <c>code</c> and a <c>traceId</c>. The framework's defaults give a type and a
/// title only for the statuses it knows (not 429), and a detail never; the API document promises all of them.
/// </summary>
internal static class ProblemDetailsConventions
{
    public const string CodeKey = "code";
    public const string TraceIdKey = "traceId";

    /// <summary>RFC 9457: a problem type of "about:blank" says no more than its status and title.</summary>
    public const string StatusOnlyType = "about:blank";

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        problem.Type ??= TypeFor(status);
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
        problem.Detail ??= problem is HttpValidationProblemDetails
            ? "The request has invalid values: 'errors' says what each one needs."
            : DetailFor(status, context.HttpContext.Request);
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions.TryAdd(CodeKey, ProblemCodes.ForStatus(status));
        problem.Extensions[TraceIdKey] = Activity.Current?.Id
            ?? context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id
            ?? context.HttpContext.TraceIdentifier;
    }

    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status429TooManyRequests => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        _ => StatusOnlyType,
    };

    /// <summary>What an answer that nobody explained means, for the statuses the framework writes on its own.</summary>
    private static string DetailFor(int status, HttpRequest request) => status switch
    {
        StatusCodes.Status401Unauthorized =>
            "This request needs a valid access token (Authorization: Bearer <token> from POST /api/v1/auth/token); it had none, or one that has expired or been revoked.",
        StatusCodes.Status403Forbidden => "Your role does not allow this request.",
        StatusCodes.Status404NotFound => "Nothing exists at this address.",
        StatusCodes.Status405MethodNotAllowed => $"This address does not accept {request.Method}.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this API accepts.",
        StatusCodes.Status415UnsupportedMediaType => "The request body's content type is not one this endpoint reads; send application/json.",
        StatusCodes.Status429TooManyRequests => "Too many requests; wait as long as Retry-After says before trying again.",
        >= 500 => "An unexpected error occurred. Quote the traceId when you report it.",
        _ => $"The request failed with status {status}.",
    };
}
