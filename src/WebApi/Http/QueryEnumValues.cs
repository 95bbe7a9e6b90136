using System.Text.Json;
using TaskOrchestration.Application.Common.Exceptions;

namespace TaskOrchestration.WebApi.Http;

/// <summary>
/// Reads enum values from the query string by their API names ("pending", "createdAt"), as the JSON body does.
/// Minimal APIs would parse enums by their C# names and accept numbers, so these parameters bind as strings and are
/// described as enums in the OpenAPI document by <see cref="QueryEnumAttribute"/>.
/// </summary>
public static class QueryEnumValues
{
    public static TEnum[]? ParseAll<TEnum>(string[]? values, string parameterName)
        where TEnum : struct, Enum =>
        values?.Where(value => !string.IsNullOrEmpty(value)).ToArray() is { Length: > 0 } given
            ? [.. given.Select(value => Parse<TEnum>(value, parameterName)!.Value)]
            : null;

    public static TEnum? Parse<TEnum>(string? value, string parameterName)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(NameOf(candidate), value, StringComparison.OrdinalIgnoreCase))
            {
                return candidate;
            }
        }

        throw new ValidationFailedException(new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [parameterName] = [$"'{value}' is not one of: {string.Join(", ", Names<TEnum>())}."],
        });
    }

    public static IEnumerable<string> Names<TEnum>()
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(NameOf);

    public static IEnumerable<string> Names(Type enumType) =>
        Enum.GetNames(enumType).Select(JsonNamingPolicy.CamelCase.ConvertName);

    private static string NameOf<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
