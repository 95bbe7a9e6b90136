using NetArchTest.Rules;

namespace TaskOrchestration.Architecture.Tests.Rules;

/// <summary>Which types use (in signatures or in bodies) anything from a namespace, found in the compiled IL.</summary>
internal static class DependencyRules
{
    public static IReadOnlyList<string> TypesDependingOn(Types types, string forbiddenNamespace)
    {
        ArgumentNullException.ThrowIfNull(types);
        return Failing(types.ShouldNot().HaveDependencyOn(forbiddenNamespace).GetResult());
    }

    public static IReadOnlyList<string> TypesDependingOn(PredicateList selection, string forbiddenNamespace)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return Failing(selection.ShouldNot().HaveDependencyOn(forbiddenNamespace).GetResult());
    }

    private static string[] Failing(TestResult result) => result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? []];
}
