using System.Globalization;
using Microsoft.Net.Http.Headers;
using TaskOrchestration.Application.Common.Exceptions;

namespace TaskOrchestration.WebApi.Http;

/// <summary>Strong ETags made of a resource's concurrency version, and the If-Match header that sends them back.</summary>
public static class EntityTag
{
    public const string IfMatchHeader = "If-Match";

    public static string Format(uint version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The version the client expects, or null when it sent no If-Match (or <c>*</c>, which any version matches).
    /// Anything that is not one of our ETags is a 400: guessing would risk a lost update.
    /// </summary>
    public static uint? ParseIfMatch(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return null;
        }

        if (EntityTagHeaderValue.TryParse(header.Trim(), out var tag) && !tag.IsWeak
            && uint.TryParse(tag.Tag.AsSpan(1, tag.Tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return version;
        }

        throw new ValidationFailedException(new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [IfMatchHeader] = ["If-Match must be one ETag this API returned, such as \"42\"."],
        });
    }
}
