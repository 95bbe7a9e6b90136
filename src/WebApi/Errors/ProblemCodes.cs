namespace TaskOrchestration.WebApi.Errors;

/// <summary>The machine-readable codes that are not a domain or application rule's own.</summary>
public static class ProblemCodes
{
    public const string ValidationFailed = "validation_failed";
    public const string MalformedRequest = "malformed_request";
    public const string NotFound = "not_found";
    public const string PreconditionFailed = "precondition_failed";
    public const string InternalError = "internal_error";

    /// <summary>The code of an answer that carries nothing more specific than its status.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => MalformedRequest,
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status406NotAcceptable => "not_acceptable",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status412PreconditionFailed => PreconditionFailed,
        StatusCodes.Status413PayloadTooLarge => "payload_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "too_many_requests",
        >= 500 => InternalError,
        _ => "error",
    };
}
