namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

/// <summary>An answer of the API that breaks clients/openapi.json; the test that sent the request fails with it.</summary>
public sealed class OpenApiViolationException(ConformanceReport report, string request)
    : Exception($"{report}{Environment.NewLine}  (the request: {request})")
{
    public ConformanceReport Report { get; } = report ?? throw new ArgumentNullException(nameof(report));
}
