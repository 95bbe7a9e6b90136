using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// Writes every instant in UTC. PostgreSQL's timestamptz keeps no offset, and Npgsql refuses to write a
/// DateTimeOffset whose offset is not zero, so a client's "12:00+02:00" (a due date, a run-after time, a list filter)
/// becomes "10:00Z", the same instant, in stored values and query parameters alike. Read back, it is UTC.
/// </summary>
public sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    value => value.ToUniversalTime(),
    stored => stored);
