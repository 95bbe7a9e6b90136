using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// Stores an enum as its lower-case name ("running"), the same word the API uses, so the database reads plainly
/// and its own rules (constraints, triggers) can name states. Priority is the exception: it stays an integer
/// because it is sorted by.
/// </summary>
public sealed class LowerCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => value.ToString().ToLowerInvariant(),
    stored => Enum.Parse<TEnum>(stored, true))
    where TEnum : struct, Enum;
