using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>
/// One statement that writes a whole batch of <typeparamref name="TRow"/> with one array parameter per column,
/// unnest()ed into rows: an UPDATE of the rows by key, or an INSERT of new rows. Its table and columns are the EF
/// model's (<see cref="ModelColumn{TRow}"/>); its text is built once, so it is the same text each time and Npgsql
/// prepares it on the connection (PreparedStatements).
/// </summary>
/// <typeparam name="TRow">The entity type whose table is written.</typeparam>
internal sealed class UnnestStatement<TRow>
{
    private readonly string _sql;
    private readonly IReadOnlyList<ModelColumn<TRow>> _columns;

    private UnnestStatement(string sql, IReadOnlyList<ModelColumn<TRow>> columns)
    {
        _sql = sql;
        _columns = columns;
    }

    /// <summary>The statement's text; the parameters are {0}, {1}... in the order of its columns.</summary>
    public string Sql => _sql;

    /// <summary>UPDATE the table SET each of <paramref name="set"/> for the rows whose <paramref name="key"/> is in the batch.</summary>
    public static UnnestStatement<TRow> Update(IModel model, ISqlGenerationHelper sql, ModelColumn<TRow> key, params IReadOnlyList<ModelColumn<TRow>> set)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(set);
        var table = Table(model, sql);
        List<ModelColumn<TRow>> columns = [key, .. set];
        var assignments = string.Join(", ", set.Select(column => $"{column.Name} = v.{column.Name}"));
        return new(
            $"UPDATE {table} SET {assignments} FROM unnest({Parameters(columns)}) AS v({Names(columns)}) WHERE {table}.{key.Name} = v.{key.Name}",
            columns);
    }

    /// <summary>INSERT INTO the table one row per element of the batch, with <paramref name="columns"/>.</summary>
    public static UnnestStatement<TRow> Insert(IModel model, ISqlGenerationHelper sql, params IReadOnlyList<ModelColumn<TRow>> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new($"INSERT INTO {Table(model, sql)} ({Names(columns)}) SELECT * FROM unnest({Parameters(columns)})", columns);
    }

    /// <summary>
    /// As <see cref="Insert"/>, with one more column, <paramref name="extraColumn"/>, whose value is the SQL expression
    /// <paramref name="extraValue"/> over the row's values (named <c>v.</c> and the column's name).
    /// </summary>
    public static UnnestStatement<TRow> InsertWith(IModel model, ISqlGenerationHelper sql, IReadOnlyList<ModelColumn<TRow>> columns, string extraColumn, string extraValue)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new(
            $"INSERT INTO {Table(model, sql)} ({Names(columns)}, {extraColumn}) SELECT v.*, {extraValue} FROM unnest({Parameters(columns)}) AS v({Names(columns)})",
            columns);
    }

    /// <summary>Adds the write of <paramref name="rows"/> to <paramref name="batch"/> (nothing when there are none).</summary>
    public void AddTo(StatementBatch batch, IReadOnlyList<TRow> rows)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count > 0)
        {
            batch.Add(_sql, [.. _columns.Select(column => column.ValuesOf(rows))]);
        }
    }

    private static string Table(IModel model, ISqlGenerationHelper sql)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sql);
        var row = model.FindEntityType(typeof(TRow)) ?? throw new InvalidOperationException($"{typeof(TRow).Name} is not in the model.");
        return sql.DelimitIdentifier(row.GetTableName()!, row.GetSchema());
    }

    private static string Names(IReadOnlyList<ModelColumn<TRow>> columns) => string.Join(", ", columns.Select(column => column.Name));

    private static string Parameters(IReadOnlyList<ModelColumn<TRow>> columns) => string.Join(", ", columns.Select((_, index) => $"{{{index}}}"));
}
