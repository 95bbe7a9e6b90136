using System.Text.RegularExpressions;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Domain.Tasks;

/// <summary>The rules of a tag: 1–40 letters, digits or '-', compared and stored in lower case.</summary>
public static partial class TagName
{
    public const int MaxLength = 40;
    public const int MaxPerTask = 20;

    public static string Normalise(string? tag)
    {
        var normal = (tag ?? string.Empty).Trim().ToLowerInvariant();
        return normal.Length <= MaxLength && Pattern().IsMatch(normal)
            ? normal
            : throw new DomainException(new DomainError("invalid_tag", $"'{tag}' is not a tag: use 1 to {MaxLength} letters, digits or '-'.", ErrorKind.Validation));
    }

    public static bool IsValid(string? tag)
    {
        var normal = (tag ?? string.Empty).Trim().ToLowerInvariant();
        return normal.Length <= MaxLength && Pattern().IsMatch(normal);
    }

    [GeneratedRegex("^[\\p{Ll}\\p{Lo}\\p{Nd}-]+$")]
    private static partial Regex Pattern();
}
