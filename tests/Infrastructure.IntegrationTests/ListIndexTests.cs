using Npgsql;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>
/// The list's common queries can be served by an index. With sequential scans switched off, the planner must pick
/// the named index; each filter is checked without an ORDER BY, so that its index is the only one that matches and
/// the choice does not depend on the near-empty table's statistics; if an index is dropped or no longer matches the query's shape, it cannot, and the test fails.
/// (Whether the planner prefers the index on real data volumes is measured by the benchmark, not here.)
/// </summary>
public sealed class ListIndexTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Theory]
    [InlineData("SELECT * FROM tasks ORDER BY created_at DESC, id DESC LIMIT 21", "ix_tasks_created_at_id")]
    [InlineData("SELECT * FROM tasks WHERE archived_at IS NOT NULL", "ix_tasks_archived_at")]
    [InlineData("SELECT * FROM tasks ORDER BY updated_at, id LIMIT 21", "ix_tasks_updated_at_id")]
    [InlineData("SELECT * FROM tasks ORDER BY priority DESC, id DESC LIMIT 21", "ix_tasks_priority_id")]
    [InlineData("SELECT * FROM tasks ORDER BY due_date, id LIMIT 21", "ix_tasks_due_date_id")]
    [InlineData("SELECT * FROM tasks ORDER BY due_date IS NULL, due_date DESC, id DESC LIMIT 21", "ix_tasks_due_date_missing_due_date_desc")]
    [InlineData("SELECT * FROM tasks ORDER BY title DESC, id DESC LIMIT 21", "ix_tasks_title_id")]
    [InlineData("SELECT id FROM tasks WHERE status = ANY('{pending,running}')", "ix_tasks_status_created_at_id")]
    [InlineData("SELECT id FROM tasks WHERE owner_id = '00000000-0000-0000-0000-000000000001'", "ix_tasks_owner_id_created_at_id")]
    [InlineData("SELECT id FROM tasks WHERE created_by = '00000000-0000-0000-0000-000000000001'", "ix_tasks_created_by_created_at_id")]
    [InlineData("SELECT id FROM tasks WHERE team_id = '00000000-0000-0000-0000-000000000001'", "ix_tasks_team_id_created_at_id")]
    [InlineData("SELECT * FROM tasks WHERE title ILIKE '%release%'", "ix_tasks_title_trgm")]
    [InlineData("SELECT * FROM tasks WHERE description ILIKE '%release%'", "ix_tasks_description_trgm")]
    [InlineData("SELECT id FROM tasks WHERE tags @> '{backend,urgent}'", "ix_tasks_tags")]
    [InlineData("SELECT task_id FROM task_assignees WHERE user_id = '00000000-0000-0000-0000-000000000001'", "ix_task_assignees_user_id")]
    [InlineData("SELECT * FROM tasks WHERE (created_at, id) < ('2026-01-01', '00000000-0000-0000-0000-000000000001') ORDER BY created_at DESC, id DESC LIMIT 21", "ix_tasks_created_at_id")]
    public async Task ListQuery_CanUseItsIndex(string sql, string index)
    {
        await using var connection = await Database.OpenConnectionAsync();
        await using (var noSeqScan = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await noSeqScan.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand($"EXPLAIN {sql}", connection);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.True(plan.Exists(line => line.Contains(index, StringComparison.Ordinal)), $"Expected {index} in:\n{string.Join('\n', plan)}");
    }
}
