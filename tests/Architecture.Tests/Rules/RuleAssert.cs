namespace TaskOrchestration.Architecture.Tests.Rules;

internal static class RuleAssert
{
    /// <summary>Passes when nothing breaks the rule; otherwise fails listing every offender.</summary>
    public static void NoViolations(IReadOnlyCollection<string> violations, string rule)
    {
        ArgumentNullException.ThrowIfNull(violations);
        Assert.True(violations.Count == 0, $"{rule}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", violations)}");
    }

    /// <summary>A rule checked over nothing proves nothing: the selection must contain what it is meant to.</summary>
    public static void Covers(IEnumerable<Type> checkedTypes, params Type[] expected)
    {
        var names = checkedTypes.Select(type => type.FullName).ToHashSet(StringComparer.Ordinal);
        var missing = expected.Where(type => !names.Contains(type.FullName)).Select(type => type.FullName).ToList();
        Assert.True(missing.Count == 0, $"The rule did not look at: {string.Join(", ", missing)}");
    }
}
