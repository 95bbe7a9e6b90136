using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// Statements that go to PostgreSQL together, in one round trip, in the context's current transaction: the writes that
/// follow a save or an engine step (its rows, history entries, outbox events, NOTIFYs) cost one wait for the server
/// instead of one each. Their texts are joined into one command (Npgsql sends each statement of it as one statement
/// of a single batch, and prepares each on its own) with their parameters renumbered, and it is sent through EF Core's
/// raw SQL, so the context's interceptors (the commit recorder, the lost-transaction guard) see it as any other
/// command. Outside a transaction, PostgreSQL runs the statements of one batch in one implicit transaction.
/// </summary>
internal sealed partial class StatementBatch
{
    private readonly StringBuilder _sql = new();
    private readonly List<object> _parameters = [];

    /// <summary>Whether nothing was added: executing it sends nothing.</summary>
    public bool IsEmpty => _sql.Length == 0;

    /// <summary>Adds a statement written as an interpolated string, whose values become parameters.</summary>
    public void Add(FormattableString statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        Add(statement.Format, statement.GetArguments()!);
    }

    /// <summary>
    /// Adds a statement in EF Core's raw SQL format: parameters written {0}, {1}... (braces meant literally doubled),
    /// numbered from zero in <paramref name="parameters"/>.
    /// </summary>
    public void Add(string format, IReadOnlyList<object> parameters)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(parameters);
        if (_sql.Length > 0)
        {
            _sql.Append(";\n");
        }

        var offset = _parameters.Count;
        _sql.Append(offset == 0 ? format : Placeholder().Replace(format, match => match.Groups[1].Success
            ? $"{{{int.Parse(match.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture) + offset}}}"
            : match.Value));
        _parameters.AddRange(parameters);
    }

    /// <summary>
    /// A statement in EF Core's raw SQL format rewritten with Npgsql's positional placeholders ({0} becomes $1, doubled
    /// braces single), for a command sent over Npgsql alone.
    /// </summary>
    public static string ToPositional(string format)
    {
        ArgumentNullException.ThrowIfNull(format);
        return Placeholder().Replace(format, match => match.Groups[1].Success
            ? $"${int.Parse(match.Groups[1].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture) + 1}"
            : match.Value[..1]);
    }

    /// <summary>Sends the statements (nothing when there are none) in <paramref name="db"/>'s current transaction.</summary>
    public async Task ExecuteAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!IsEmpty)
        {
            await db.Database.ExecuteSqlRawAsync(_sql.ToString(), _parameters, cancellationToken);
        }
    }

    /// <summary>A parameter's placeholder, or a doubled brace (kept as it is).</summary>
    [GeneratedRegex(@"\{\{|\}\}|\{([0-9]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
