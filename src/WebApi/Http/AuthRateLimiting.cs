using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using TaskOrchestration.WebApi.Errors;

namespace TaskOrchestration.WebApi.Http;

/// <summary>
/// Slows password guessing and sign-up floods: each client address gets a fixed number of anonymous auth requests
/// per window (configuration section "RateLimiting:Auth"); past it, 429 with Retry-After.
/// </summary>
public static class AuthRateLimiting
{
    public const string PolicyName = "auth";

    public static IServiceCollection AddAuthRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimiting:Auth");
        var permitLimit = settings.GetValue("PermitLimit", 10);
        var window = TimeSpan.FromSeconds(settings.GetValue("WindowSeconds", 60));

        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = window, QueueLimit = 0 }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : window;
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Detail = "Too many attempts; wait before trying again.", Extensions = { [ProblemDetailsConventions.CodeKey] = "too_many_requests" } },
                });
            };
        });
    }
}
