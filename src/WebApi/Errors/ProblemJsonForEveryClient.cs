namespace TaskOrchestration.WebApi.Errors;

/// <summary>
/// Writes every problem as application/problem+json, whatever the request's Accept header names. The framework's
/// writer declines a request that accepts neither JSON nor problem+json (a browser's text/html, or application/xml),
/// which left such errors without a body or in plain text, and made the exception handler turn a 404 into a 500.
/// A server may answer with the one representation it has rather than 406 (RFC 9110, section 12.1). This wraps the
/// framework's writer, so its defaults and <see cref="ProblemDetailsConventions"/> apply as before; only the
/// refusal goes.
/// </summary>
internal sealed class ProblemJsonForEveryClient(IProblemDetailsWriter framework) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context) => framework.WriteAsync(context);

    /// <summary>Puts itself around the writer that <c>AddProblemDetails</c> registered.</summary>
    public static IServiceCollection Install(IServiceCollection services)
    {
        var registered = services.Single(descriptor => descriptor.ServiceType == typeof(IProblemDetailsWriter));
        services.Remove(registered);
        services.AddSingleton<IProblemDetailsWriter>(provider => new ProblemJsonForEveryClient(
            (IProblemDetailsWriter)ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)));
        return services;
    }
}
