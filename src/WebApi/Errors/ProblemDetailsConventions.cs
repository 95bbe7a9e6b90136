using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace TaskOrchestration.WebApi.Errors;

/// <summary>What every problem-details answer carries, whoever wrote it: a <c>code</c> and a <c>traceId</c>.</summary>
internal static class ProblemDetailsConventions
{
    public const string CodeKey = "code";
    public const string TraceIdKey = "traceId";

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        problem.Instance ??= context.HttpContext.Request.Path;
        problem.Extensions.TryAdd(CodeKey, ProblemCodes.ForStatus(status));
        problem.Extensions[TraceIdKey] = Activity.Current?.Id
            ?? context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id
            ?? context.HttpContext.TraceIdentifier;
    }
}
