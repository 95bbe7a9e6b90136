using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using TaskOrchestration.Application.Common.DatabaseFailures;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Validation;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.WebApi.Errors;

/// <summary>
/// The one place where an exception becomes an HTTP answer: each known outcome maps to its status and stable code,
/// the database being away for a moment to a 503 with a Retry-After; anything else is a 500 that reveals nothing of
/// the server.
/// </summary>
internal sealed partial class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetailsService, IDatabaseFailureClassifier databaseFailures)
    : IExceptionHandler
{
    /// <summary>What a 503 tells the client to wait: about as long as a restart of the database takes.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ToProblem(exception, httpContext.Request);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return await problemDetailsService.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private ProblemDetails ToProblem(Exception exception, HttpRequest request) => exception switch
    {
        DatabaseUnavailableException unavailable => Problem(StatusCodes.Status503ServiceUnavailable, DatabaseUnavailableException.Code, unavailable.Message),
        ValidationFailedException validation => Validation(validation.Errors, validation.Code ?? ProblemCodes.ValidationFailed),
        DomainException domain => Problem(StatusFor(domain.Error.Kind), domain.Error.Code, domain.Error.Message),
        NotFoundException notFound => Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, notFound.Message),
        UnauthorizedException unauthorized => Problem(StatusCodes.Status401Unauthorized, unauthorized.Code, unauthorized.Message),
        ForbiddenException forbidden => Problem(StatusCodes.Status403Forbidden, forbidden.Code, forbidden.Message),
        ConflictException conflict => Problem(StatusCodes.Status409Conflict, conflict.Code, conflict.Message),
        IdempotencyKeyReusedException reused => Problem(StatusCodes.Status422UnprocessableEntity, IdempotencyKeyReusedException.Code, reused.Message),
        PreconditionFailedException precondition => Problem(StatusCodes.Status412PreconditionFailed, ProblemCodes.PreconditionFailed, precondition.Message),
        // Half of a surrogate pair in a string or a property name the framework decodes (its InvalidOperationException
        // speaks of "UTF-16 JSON text"): text that cannot be stored, refused as the application refuses NUL
        // (StorableText), under the path the framework gives.
        BadHttpRequestException { InnerException: JsonException { InnerException: InvalidOperationException undecodable } json }
            when undecodable.Message.Contains("UTF-16", StringComparison.Ordinal) =>
            Validation(new Dictionary<string, string[]>(StringComparer.Ordinal) { [FieldOf(json)] = [StorableText.LoneSurrogateMessage] }, ProblemCodes.ValidationFailed),
        BadHttpRequestException { InnerException: JsonException json } => MalformedJson(json),
        BadHttpRequestException badRequest when UnboundParameter().Match(badRequest.Message) is { Success: true } match =>
            UnreadableParameter(match.Groups["name"].Value, match.Groups["value"].Value),
        BadHttpRequestException badRequest => Problem(badRequest.StatusCode, ProblemCodes.ForStatus(badRequest.StatusCode), badRequest.Message),
        // The framework decodes a JSON body in the charset its Content-Type names, and throws this for one it does not know.
        InvalidOperationException when UnknownCharset(request) is { } charset => Problem(
            StatusCodes.Status415UnsupportedMediaType,
            ProblemCodes.ForStatus(StatusCodes.Status415UnsupportedMediaType),
            $"The body's charset '{charset}' is not one this API can read; send UTF-8."),
        // A passing database failure met outside the mediator (the bearer token's user lookup) was not run again:
        // the client is told to try again, as after the Application's last attempt.
        _ when databaseFailures.Classify(exception) != DatabaseFailureKind.None =>
            Problem(StatusCodes.Status503ServiceUnavailable, DatabaseUnavailableException.Code, "The database is unavailable for a moment. Try again shortly."),
        _ => Problem(StatusCodes.Status500InternalServerError, ProblemCodes.InternalError, "An unexpected error occurred. Quote the traceId when you report it."),
    };

    private static int StatusFor(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status409Conflict,
    };

    private static HttpValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors, string code)
    {
        var problem = new HttpValidationProblemDetails(errors.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
        };
        problem.Extensions[ProblemDetailsConventions.CodeKey] = code;
        return problem;
    }

    private static readonly string[] FieldRequired = ["This field is required."];

    /// <summary>
    /// Names the JSON path that failed (a wrong type, an unknown enum value or field, a property given twice, a
    /// required one left out, broken syntax).
    /// </summary>
    private static HttpValidationProblemDetails MalformedJson(JsonException exception)
    {
        var field = FieldOf(exception);
        var message = exception.Message ?? string.Empty;
        var missing = MissingRequiredProperties().Match(message);
        var errors = missing.Success
            ? missing.Groups["name"].Captures.ToDictionary(
                name => field == "$" ? name.Value : $"{field}.{name.Value}",
                _ => FieldRequired,
                StringComparer.Ordinal)
            : new Dictionary<string, string[]>(StringComparer.Ordinal)
            {
                [field] = [message.Contains("could not be mapped", StringComparison.Ordinal) ? "This field is not part of the request."
                    : DuplicateProperty().Match(message) is { Success: true } duplicate ? DuplicatePropertyMessage(duplicate.Groups["name"].Value)
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

    private static string FieldOf(JsonException exception) =>
        string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "$" : exception.Path.TrimStart('$', '.');

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

    /// <summary>
    /// The framework names the repeated property but gives only the path of the body's field (for a repeat inside a
    /// JSON value such as metadata, the path of that value): the name says which one.
    /// </summary>
    private static string DuplicatePropertyMessage(string name) =>
        StorableText.Problem(name) is null ? $"The property '{name}' appears more than once in one object." : "A property appears more than once in one object.";

    // The framework's wording for a property given twice (JsonSerializerOptions.AllowDuplicateProperties = false).
    [GeneratedRegex("""^Duplicate property '(?<name>.*)' encountered during deserialization""", RegexOptions.Singleline)]
    private static partial Regex DuplicateProperty();

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
        // Every 400 carries 'errors' (empty when no one field is at fault, as for a domain rule), so a client reads
        // each 400 as the same validation problem.
        var problem = status == StatusCodes.Status400BadRequest ? new HttpValidationProblemDetails() : new ProblemDetails();
        problem.Status = status;
        problem.Detail = detail;
        problem.Extensions[ProblemDetailsConventions.CodeKey] = code;
        return problem;
    }
}
