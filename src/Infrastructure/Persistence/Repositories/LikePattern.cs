namespace TaskOrchestration.Infrastructure.Persistence.Repositories;

/// <summary>Makes user text match literally inside an ILIKE pattern: % and _ are data, not wildcards.</summary>
internal static class LikePattern
{
    public const string EscapeCharacter = @"\";

    public static string Escape(string text) =>
        text.Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal);
}
