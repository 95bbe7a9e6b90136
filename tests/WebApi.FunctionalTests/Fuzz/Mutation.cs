namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>What the API may answer to a mutated request.</summary>
internal enum Expectation
{
    /// <summary>Whatever the API decides, as long as it is not a 5xx and an error is a problem with a code.</summary>
    AnyAnswer,

    /// <summary>The request is wrong by the document (broken JSON, a wrong type, a bad token...): it must get a 4xx problem.</summary>
    Refusal,
}

/// <summary>What a mutation may use besides the request: the run's seeded randomness and the ids the world holds.</summary>
internal sealed record MutationContext(Random Random, RequestSetup Setup);

/// <summary>
/// One change to a valid request: <see cref="Target"/> names what it changes ("body.title", "query.page", "header
/// If-Match"), <see cref="Value"/> what it puts there ("NUL character"); failures are grouped by the value.
/// <see cref="Core"/> mutations are sent on every run; the others only when the random phase draws them.
/// </summary>
internal sealed record Mutation(string Target, string Value, Expectation Expectation, Func<FuzzRequest, MutationContext, FuzzRequest> Change)
{
    public bool Core { get; init; } = true;

    /// <summary>False for a mutation that changes two parts of the request at once: combined, one could undo the other.</summary>
    public bool Combinable { get; init; } = true;

    /// <summary>The mutations a combined one is made of; empty for a single one.</summary>
    public IReadOnlyList<Mutation> Components { get; init; } = [];

    public string Name => $"{Target}: {Value}";

    /// <summary>
    /// The part of the request it changes (body, query, path or header; the body's Content-Type goes with the body):
    /// the random phase combines at most one mutation per channel, so none undoes another.
    /// </summary>
    public string Channel => Target.StartsWith("body", StringComparison.Ordinal) || Target == "header Content-Type" ? "body" : Target.Split('.', ' ')[0];

    public Mutation AsExtra() => this with { Core = false };

    public Mutation CoreIf(bool core) => this with { Core = core };

    public Mutation Alone() => this with { Combinable = false };

    public FuzzRequest ApplyTo(FuzzRequest request, MutationContext context) => Change(request, context) with { Mutation = Name };

    /// <summary>Several combinable mutations in a row, each on its own channel; refused if any of them must be.</summary>
    public static Mutation Combine(IReadOnlyList<Mutation> mutations) => new(
        string.Join(" + ", mutations.Select(mutation => mutation.Target)),
        string.Join(" + ", mutations.Select(mutation => mutation.Value)),
        mutations.Any(mutation => mutation.Expectation == Expectation.Refusal) ? Expectation.Refusal : Expectation.AnyAnswer,
        (request, context) => mutations.Aggregate(request, (current, mutation) => mutation.Change(current, context)))
    {
        Core = false,
        Components = mutations,
    };
}
