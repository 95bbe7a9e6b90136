using System.Buffers;

namespace TaskOrchestration.Application.Common.Validation;

/// <summary>Field paths in the notation of System.Text.Json's own (<c>.name</c>, or <c>['a.b']</c> for names it would misread).</summary>
internal static class JsonPath
{
    private static readonly SearchValues<char> SpecialCharacters = SearchValues.Create(".'/\"[]() \t\n\r\f\b\\\u0085\u2028\u2029");

    /// <summary>The path step to the member <paramref name="name"/>, appended to its parent's path.</summary>
    public static string Member(string name) =>
        name.Length == 0 || name.AsSpan().ContainsAny(SpecialCharacters) ? $"['{name}']" : $".{name}";
}
