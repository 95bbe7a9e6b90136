using Npgsql;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Infrastructure.Persistence.Configurations;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>Turns the database's own refusals into the application's conflict answers.</summary>
internal static class DatabaseRuleViolations
{
    /// <summary>Raised by the <c>tasks_guard_take</c> trigger (see the InitialSchema migration).</summary>
    public const string TaskAlreadyTakenSqlState = "T0001";

    public static ConflictException? ToConflict(PostgresException exception) => exception.SqlState switch
    {
        TaskAlreadyTakenSqlState => new ConflictException("task_already_taken", "The task has already been taken."),
        PostgresErrorCodes.UniqueViolation when exception.ConstraintName == UserConfiguration.EmailIndexName =>
            new ConflictException("email_already_registered", "An account with this email already exists."),
        PostgresErrorCodes.UniqueViolation => new ConflictException("already_exists", "A resource with the same key already exists."),
        PostgresErrorCodes.CheckViolation => new ConflictException("invalid_state", "The change would leave the resource in a state the database forbids."),
        _ => null,
    };
}
