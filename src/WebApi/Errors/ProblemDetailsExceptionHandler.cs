using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.WebApi.Errors;

/// <summary>
/// The one place where an exception becomes an HTTP answer: each known outcome maps to its status and stable code;
/// anything else is a 500 that reveals nothing of the server.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetailsService) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception, httpContext.Request);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetailsService.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails ToProblem(Exception exception, HttpRequest request) => exception switch
    {
        ValidationFailedException validation => Validation(validation.Errors),
        DomainException domain => Problem(StatusFor(domain.Error.Kind), domain.Error.Code, domain.Error.Message),
        NotFoundException notFound => Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, notFound.Message),
        UnauthorizedException unauthorized => Problem(StatusCodes.Status401Unauthorized, unauthorized.Code, unauthorized.Message),
        ForbiddenException forbidden => Problem(StatusCodes.Status403Forbidden, forbidden.Code, forbidden.Message),
        ConflictException conflict => Problem(StatusCodes.Status409Conflict, conflict.Code, conflict.Message),
        IdempotencyKeyReusedException reused => Problem(StatusCodes.Status422UnprocessableEntity, IdempotencyKeyReusedException.Code, reused.Message),
        PreconditionFailedException precondition => Problem(StatusCodes.Status412PreconditionFailed, ProblemCodes.PreconditionFailed, precondition.Message),
        BadHttpRequestException { InnerException: JsonException json } => MalformedJson(json),
        BadHttpRequestException badRequest when UnboundParameter().Match(badRequest.Message) is { Success: true } match =>
            UnreadableParameter(match.Groups["name"].Value, match.Groups["value"].Value),
        BadHttpRequestException badRequest => Problem(badRequest.StatusCode, ProblemCodes.ForStatus(badRequest.StatusCode), badRequest.Message),
        // The framework decodes a JSON body in the charset its Content-Type names, and throws this for one it does not know.
        InvalidOperationException when UnknownCharset(request) is { } charset => Problem(
            StatusCodes.Status415UnsupportedMediaType,
            ProblemCodes.ForStatus(StatusCodes.Status415UnsupportedMediaType),
            $"The body's charset '{charset}' is not one this API can read; send UTF-8."),
        _ => Problem(StatusCodes.Status500InternalServerError, ProblemCodes.InternalError, "An unexpected error occurred. Quote the traceId when you report it."),
    };

    private static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status409Conflict,
    };

    private static HttpValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors)
    {
        var problem = new HttpValidationProblemDetails(errors.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
        };
        problem.Extensions[ProblemDetailsConventions.CodeKey] = ProblemCodes.ValidationFailed;
        return problem;
    }

    /// <summary>Names the JSON path that failed (a wrong type, an unknown enum value or field, broken syntax).</summary>
    private static readonly string[] FieldRequired = ["This field is required."];

    private static HttpValidationProblemDetails MalformedJson(JsonException exception)
    {
        var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "$" : exception.Path.TrimStart('$', '.');
        var missing = MissingRequiredProperties().Match(exception.Message ?? string.Empty);
        var errors = missing.Success
            ? missing.Groups["name"].Captures.ToDictionary(
                name => field == "$" ? name.Value : $"{field}.{name.Value}",
                _ => FieldRequired,
                StringComparer.Ordinal)
            : new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [field] = [exception.Message?.Contains("could not be mapped", StringComparison.Ordinal) == true
                    ? "This field is not part of the request."
                    : "The value is not valid JSON for this field."],
            };
        var problem = new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid.",
            Detail = "The body could not be read as the JSON this endpoint expects.",
        };
        problem.Extensions[ProblemDetailsConventions.CodeKey] = ProblemCodes.MalformedRequest;
        return problem;
    }

    /// <summary>Names the query, route or header parameter whose text could not be read as its type.</summary>
    private static HttpValidationProblemDetails UnreadableParameter(string name, string value)
    {
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [name] = [$"'{value}' is not a valid value."],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "A parameter is not valid.",
        };
        problem.Extensions[ProblemDetailsConventions.CodeKey] = ProblemCodes.ValidationFailed;
        return problem;
    }

    /// <summary>The charset the request's Content-Type names, when it is one .NET has no encoding for.</summary>
    private static string? UnknownCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !mediaType.Charset.HasValue)
        {
            return null;
        }

        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset).ToString();
        try
        {
            Encoding.GetEncoding(charset);
            return null;
        }
        catch (ArgumentException)
        {
            return charset;
        }
    }

    // System.Text.Json's wording for a [JsonRequired] property left out: "... missing required properties including: 'role'."
    [GeneratedRegex("""missing required properties including: '(?<name>[^']*)'(?:, '(?<name>[^']*)')*""")]
    private static partial Regex MissingRequiredProperties();

    // The framework's wording for a parameter that failed to parse: 'Failed to bind parameter "int? page" from "abc".'
    [GeneratedRegex("""^Failed to bind parameter "[^"]* (?<name>[A-Za-z0-9_]+)" from "(?<value>.*)"\.?$""")]
    private static partial Regex UnboundParameter();

    private static ProblemDetails Problem(int status, string code, string detail)
    {
        var problem = new ProblemDetails { Status = status, Detail = detail };
        problem.Extensions[ProblemDetailsConventions.CodeKey] = code;
        return problem;
    }
}
