using Npgsql;

namespace TaskOrchestration.TaskListBenchmark;

/// <summary>
/// Values for the scenarios, read from the seeded database: users to filter by, the member's teams, task ids the
/// member may see. Also puts the benchmark's member into three teams, so that their lists carry the team rule.
/// </summary>
internal sealed record SampleData(
    IReadOnlyList<Guid> UserIds,
    IReadOnlyList<Guid> MemberTeamIds,
    IReadOnlyList<Guid> VisibleTaskIds,
    DataSetSize Size,
    string ServerVersion)
{
    public static async Task<SampleData> PrepareAsync(string connectionString, string memberEmail)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var teamIds = await ListAsync<Guid>(dataSource, "SELECT id FROM teams WHERE name LIKE 'Seed team %' ORDER BY name LIMIT 3");
        if (teamIds.Count == 0)
        {
            throw new InvalidOperationException("The database holds no seeded teams: run bench/task-list.sh, which seeds it first.");
        }

        await using (var join = dataSource.CreateCommand("""
            INSERT INTO team_members (team_id, user_id, added_at)
            SELECT team_id, (SELECT id FROM users WHERE email = $1), now() FROM unnest($2::uuid[]) AS team_id
            ON CONFLICT DO NOTHING
            """))
        {
            join.Parameters.AddWithValue(memberEmail);
            join.Parameters.AddWithValue(teamIds.ToArray());
            await join.ExecuteNonQueryAsync();
        }

        var userIds = await ListAsync<Guid>(dataSource, "SELECT id FROM users WHERE email LIKE 'seed-user-%' ORDER BY email LIMIT 50");
        // The member sees tasks without a team and their teams' tasks; sample those, spread over the whole table.
        var visibleTaskIds = await ListAsync<Guid>(dataSource, """
            SELECT id FROM tasks
            WHERE archived_at IS NULL AND (team_id IS NULL OR team_id = ANY($1))
            ORDER BY md5(id::text)
            LIMIT 2000
            """, teamIds.ToArray());
        var size = new DataSetSize(
            await ScalarAsync(dataSource, "SELECT count(*) FROM tasks"),
            await ScalarAsync(dataSource, "SELECT sum(cardinality(tags)) FROM tasks"),
            await ScalarAsync(dataSource, "SELECT count(*) FROM task_assignees"),
            await ScalarAsync(dataSource, "SELECT count(*) FROM task_comments"),
            await ScalarAsync(dataSource, "SELECT count(*) FROM users"),
            await ScalarAsync(dataSource, "SELECT pg_database_size(current_database())"));
        await using var version = dataSource.CreateCommand("SHOW server_version");
        return new SampleData(userIds, teamIds, visibleTaskIds, size, (string)(await version.ExecuteScalarAsync())!);
    }

    private static async Task<List<T>> ListAsync<T>(NpgsqlDataSource dataSource, string sql, params object[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        await using var reader = await command.ExecuteReaderAsync();
        List<T> values = [];
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>How much the benchmark ran against.</summary>
internal sealed record DataSetSize(long Tasks, long Tags, long Assignees, long Comments, long Users, long DatabaseBytes);
