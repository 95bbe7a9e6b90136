using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

/// <summary>
/// Checks every answer of the test server against clients/openapi.json before the client sees it. It sits outside the
/// API's whole pipeline (a startup filter, so even the exception handler's and the status-code pages' answers are
/// checked), holds the body back, and throws <see cref="OpenApiViolationException"/> instead of sending an answer that
/// breaks the document: the test server hands the exception to the HttpClient call that made the request, so the
/// test that received the answer fails, whichever client or factory it used.
/// </summary>
public sealed class ResponseConformanceMiddleware(RequestDelegate next, ResponseConformance conformance)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (UndocumentedPaths.Contains(context.Request.Path))
        {
            await next(context);
            return;
        }

        var sent = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var held = new MemoryStream();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(held));
        try
        {
            await next(context);
        }
        finally
        {
            context.Features.Set(sent);
        }

        var response = context.Response;
        var report = conformance.Check(new ObservedResponse(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            response.StatusCode,
            response.ContentType,
            response.Headers.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase),
            held.GetBuffer().AsMemory(0, (int)held.Length)));
        if (!report.Conforms)
        {
            throw new OpenApiViolationException(report, $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
        }

        held.Position = 0;
        await held.CopyToAsync(sent.Stream, context.RequestAborted);
    }

    /// <summary>Puts the check around the API's pipeline, outside every other startup filter.</summary>
    public static void Install(IServiceCollection services) =>
        services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter>(new CheckEveryAnswer()));

    private sealed class CheckEveryAnswer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<ResponseConformanceMiddleware>(ResponseConformance.ForCheckedInDocument);
            next(app);
        };
    }
}
