using System.Globalization;
using System.Text;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>A broken rule, with the exact request and answer that broke it.</summary>
internal sealed record FuzzFailure(string Rule, string Operation, string Caller, Mutation Mutation, string Request, string Answer)
{
    /// <summary>The value it is grouped under: for a combination, the part that broke the same rule alone, if one did.</summary>
    public string Cause { get; init; } = Mutation.Value;
}

/// <summary>
/// Everything the run found, collected (not stopped at the first) and grouped by cause: the rule broken and the value
/// sent. Each group names every operation and place it happened, and shows one request and answer in full, with the
/// seed that reproduces the run.
/// </summary>
internal sealed class FuzzReport(int seed)
{
    private const int ExamplesPerGroup = 1;
    private const int PlacesPerGroup = 40;

    private readonly List<FuzzFailure> _failures = [];
    private readonly Dictionary<string, int> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _operations = new(StringComparer.Ordinal);

    public int Seed { get; } = seed;

    public int Requests { get; private set; }

    public int CoreRequests { get; private set; }

    public IReadOnlyList<FuzzFailure> Failures => _failures;

    public void Count(string operation, bool core, int status)
    {
        _operations[operation] = _operations.GetValueOrDefault(operation) + 1;
        Requests++;
        CoreRequests += core ? 1 : 0;
        var key = status.ToString(CultureInfo.InvariantCulture);
        _statuses[key] = _statuses.GetValueOrDefault(key) + 1;
    }

    /// <summary>Records a failure; one of a combination goes with the single mutation that broke the same rule, if any did.</summary>
    public void Add(FuzzFailure failure)
    {
        var known = failure.Mutation.Components.FirstOrDefault(part => _failures.Any(seen => seen.Rule == failure.Rule && seen.Cause == part.Value));
        _failures.Add(known is null ? failure : failure with { Cause = known.Value });
    }

    public string Summary(TimeSpan elapsed, int fixtureRequests, string callers) =>
        $"Fuzz seed {Seed}: {Requests} requests ({CoreRequests} core, {Requests - CoreRequests} random) in {elapsed.TotalSeconds:F1} s, "
        + $"plus {fixtureRequests} to build fixtures; callers: {callers}; answers by status: "
        + string.Join(", ", _statuses.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}×{pair.Value}"))
        + $"; {_failures.Count} failures in {Groups().Count()} groups.";

    /// <summary>How many requests each operation got.</summary>
    public string PerOperation() =>
        string.Join("\n", _operations.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"  {pair.Value,5}  {pair.Key}"));

    /// <summary>Every group: its cause, where it happened, and an example to reproduce it.</summary>
    public string Details()
    {
        var text = new StringBuilder();
        foreach (var group in Groups())
        {
            var first = group.First();
            text.AppendLine(CultureInfo.InvariantCulture, $"[{first.Rule}] {first.Cause}: {group.Count()} requests");
            var places = group.Select(failure => $"{failure.Operation} {failure.Mutation.Name} as {failure.Caller}").Distinct().ToList();
            foreach (var place in places.Take(PlacesPerGroup))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    {place}");
            }

            if (places.Count > PlacesPerGroup)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    … and {places.Count - PlacesPerGroup} more");
            }

            foreach (var example in group.Take(ExamplesPerGroup))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  e.g. {example.Request.ReplaceLineEndings("\n       ")}");
                text.AppendLine(CultureInfo.InvariantCulture, $"    → {example.Answer.ReplaceLineEndings("\n      ")}");
            }
        }

        return text.ToString();
    }

    private IEnumerable<IGrouping<(string Rule, string Value), FuzzFailure>> Groups() =>
        _failures.GroupBy(failure => (failure.Rule, failure.Cause)).OrderBy(group => group.Key.Rule, StringComparer.Ordinal).ThenBy(group => group.Key.Cause, StringComparer.Ordinal);
}
