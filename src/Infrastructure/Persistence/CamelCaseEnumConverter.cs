using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// Stores an enum as its camelCase name ("taskCompleted"): for names of more than one word, the same word the API
/// and the event envelope use (<see cref="LowerCaseEnumConverter{TEnum}"/> serves the one-word states).
/// </summary>
public sealed class CamelCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => StoredEnumNames.CamelCase(value),
    stored => Enum.Parse<TEnum>(stored, true))
    where TEnum : struct, Enum;

/// <summary>The stored word of an enum value, for statements written by hand.</summary>
public static class StoredEnumNames
{
    public static string CamelCase<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
