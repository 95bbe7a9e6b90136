namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// A queue of leased work kept in a table of its own (the outbox, the email queue, webhook deliveries): which rows are
/// still open, when each falls due, in what order they are taken, and which columns record its end. Every such table
/// has <c>id</c>, <c>attempts</c> (failed attempts so far), <c>last_error</c> and <c>locked_by</c> (the worker whose
/// lease holds the row). <see cref="LeasedQueue"/> builds every statement from this, once per table.
/// </summary>
internal sealed class LeasedTable
{
    /// <param name="name">The table.</param>
    /// <param name="open">The rows still waiting for an attempt, unqualified (the claim index's filter, so the claim reads that index).</param>
    /// <param name="due">The column that says when a row may be tried (next).</param>
    /// <param name="order">The claim's order, unqualified.</param>
    /// <param name="eligible">A further condition on a candidate row, qualified as <c>candidate</c>; null for none.</param>
    /// <param name="done">The column set when a row succeeded; null when the row's own entity records it.</param>
    /// <param name="givenUp">The column set when a row was given up on; null when the row's own entity records it.</param>
    public LeasedTable(string name, string open, string due, string order, string? eligible = null, string? done = null, string? givenUp = null)
    {
        Name = name;
        // {0} the claiming worker, {1} now, {2} the limit. A row is free when no worker holds it, or its holder's lease
        // ran out (or its holder's row is gone), or this worker holds it from an earlier claim that did not finish it
        // (claims of one table run one after another in a process, so nothing of this worker's is in flight here).
        // A row held before is a lost attempt: picked.lost says so, read before the update.
        ClaimSql = $$"""
            UPDATE {{name}} AS item SET locked_by = {0}
            FROM (
                SELECT candidate.id, candidate.locked_by IS NOT NULL AS lost FROM {{name}} AS candidate
                WHERE {{open}} AND {{due}} <= {1}
                  AND (locked_by IS NULL OR locked_by = {0}
                       OR NOT EXISTS (SELECT FROM workers WHERE workers.id = candidate.locked_by AND workers.lease_until >= {1}))
                  {{(eligible is null ? string.Empty : $"AND {eligible}")}}
                ORDER BY {{order}}
                LIMIT {2}
                FOR UPDATE OF candidate SKIP LOCKED) AS picked
            WHERE item.id = picked.id
            RETURNING item.id, item.attempts, picked.lost
            """;
        // {0} the worker.
        ReleaseHeldSql = $"UPDATE {name} SET locked_by = NULL WHERE locked_by = {{0}} AND {open}";
        // {0} the ids, {1} the worker.
        LockHeldSql = $"SELECT id AS \"Value\" FROM {name} WHERE id = ANY({{0}}) AND locked_by = {{1}} AND {open} FOR UPDATE";
        if (done is not null)
        {
            // {0} now, {1} the ids, {2} the worker.
            CompleteSql = $"UPDATE {name} SET {done} = {{0}}, locked_by = NULL WHERE id = ANY({{1}}) AND locked_by = {{2}} AND {open}";
        }

        if (givenUp is not null)
        {
            // {0} failed attempts, {1} the error, {2} when it is due again (or given up), {3} given up at (or null), {4} the id, {5} the worker.
            FailureSql = $$"""
                UPDATE {{name}}
                SET attempts = {0}, last_error = {1}, {{due}} = {2}, {{givenUp}} = {3}, locked_by = NULL
                WHERE id = {4} AND locked_by = {5} AND {{open}}
                """;
        }
    }

    public string Name { get; }

    /// <summary>The claim, in EF Core's raw SQL format, without its RETURNING list's table-specific columns.</summary>
    public string ClaimSql { get; }

    /// <summary>Gives back every open row the worker holds.</summary>
    public string ReleaseHeldSql { get; }

    /// <summary>Locks the open rows of a list the worker still holds, answering their ids (as <c>Value</c>).</summary>
    public string LockHeldSql { get; }

    /// <summary>
    /// Records success of the rows the worker still holds (another may have taken one after it lost its lease) and
    /// gives them back; null when the row's own entity records it.
    /// </summary>
    public string? CompleteSql { get; }

    /// <summary>Records a failed attempt of a held row and gives it back; null when the row's own entity records it.</summary>
    public string? FailureSql { get; }
}
