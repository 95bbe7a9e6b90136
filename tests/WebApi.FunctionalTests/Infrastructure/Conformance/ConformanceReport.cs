namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

/// <summary>What an answer of <paramref name="Operation"/> with <paramref name="Status"/> does that the document does not allow.</summary>
public sealed record ConformanceReport(string Operation, int Status, IReadOnlyList<string> Violations)
{
    public bool Conforms => Violations.Count == 0;

    public override string ToString() => Conforms
        ? $"{Operation} answered {Status} as the document says."
        : $"{Operation} answered {Status}, which breaks the OpenAPI document:{Environment.NewLine}  - "
            + string.Join(Environment.NewLine + "  - ", Violations);
}
