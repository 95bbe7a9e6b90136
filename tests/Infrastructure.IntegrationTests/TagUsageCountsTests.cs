using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Persistence.Repositories;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>
/// The database keeps tag_usage_counts in step with the tasks (a trigger), whatever writes them: after every kind
/// of change the counters equal a count made from scratch, and the repository sums the teams a reader may see.
/// </summary>
public sealed class TagUsageCountsTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    [Fact]
    public async Task Counters_FollowTagging_Retagging_Archiving_TeamsAndDeletion()
    {
        var manager = await AddUserAsync(UserRole.Manager);
        var team = await AddTeamAsync(manager.UserId);
        var first = await AddTaskAsync(manager, walk: t => t.Tag(["ops", "urgent"], manager, Now));
        var second = await AddTaskAsync(manager, teamId: team, walk: t => t.Tag(["urgent"], manager, Now));
        var untagged = await AddTaskAsync(manager);
        await AssertCountersMatchARecountAsync(["none ops 1", "none urgent 1", "team urgent 1"], team);

        await ChangeAsync(first.Id, t => t.Tag(["urgent", "billing"], manager, Now));
        await ChangeAsync(untagged.Id, t => t.Tag(["ops"], manager, Now));
        await AssertCountersMatchARecountAsync(["none billing 1", "none ops 1", "none urgent 1", "team urgent 1"], team);

        await ChangeAsync(first.Id, t => t.Archive(manager, Now));
        await AssertCountersMatchARecountAsync(["none ops 1", "team urgent 1"], team);

        await ChangeAsync(first.Id, t => t.Unarchive(manager, Now));
        // Moving a task to another team is not an operation of the API; the database follows it anyway.
        await ExecuteAsync("UPDATE tasks SET team_id = NULL WHERE id = @id", ("id", second.Id));
        await AssertCountersMatchARecountAsync(["none billing 1", "none ops 1", "none urgent 2"], team);

        await ExecuteAsync("DELETE FROM tasks WHERE id = @id", ("id", first.Id));
        await AssertCountersMatchARecountAsync(["none ops 1", "none urgent 1"], team);
    }

    [Fact]
    public async Task TagUsage_SumsTheTeamsTheReaderSees()
    {
        var manager = await AddUserAsync(UserRole.Manager);
        var mine = await AddTeamAsync(manager.UserId);
        var theirs = await AddTeamAsync(manager.UserId);
        await AddTaskAsync(manager, walk: t => t.Tag(["urgent"], manager, Now));
        await AddTaskAsync(manager, teamId: mine, walk: t => t.Tag(["urgent", "ops"], manager, Now));
        await AddTaskAsync(manager, teamId: theirs, walk: t => t.Tag(["urgent", "secret"], manager, Now));

        Assert.Equal(["urgent 2", "ops 1"], await UsageAsync(new TaskVisibility(false, new HashSet<Guid> { mine })));
        Assert.Equal(["urgent 1"], await UsageAsync(new TaskVisibility(false, new HashSet<Guid>())));
        Assert.Equal(["urgent 3", "ops 1", "secret 1"], await UsageAsync(new TaskVisibility(true, new HashSet<Guid>())));
    }

    private async Task<Guid> AddTeamAsync(Guid createdBy)
    {
        var team = Team.Create($"Team {Guid.NewGuid():N}", new Domain.Common.Actor(createdBy, UserRole.Manager), Now);
        await using var db = Database.CreateDbContext();
        db.Teams.Add(team);
        await db.SaveChangesAsync();
        return team.Id;
    }

    private async Task<List<string>> UsageAsync(TaskVisibility visibility)
    {
        await using var db = Database.CreateDbContext();
        var usage = await new TaskRepository(db, TimeProvider.System).TagUsageAsync(visibility, CancellationToken.None);
        return [.. usage.Select(tag => $"{tag.Name} {tag.Count}")];
    }

    /// <summary>The counters (zeros left out) equal a recount from the tasks themselves, and the expected rows.</summary>
    private async Task AssertCountersMatchARecountAsync(string[] expected, Guid team)
    {
        const string TeamLabel = "CASE WHEN team_key = @team THEN 'team' ELSE 'none' END || ' ' || name || ' ' || live_tasks";
        var counters = await ColumnAsync<string>(
            $"SELECT {TeamLabel} FROM tag_usage_counts WHERE live_tasks <> 0 ORDER BY 1", ("team", team));
        var recount = await ColumnAsync<string>(
            $"""
            SELECT {TeamLabel} FROM (
                SELECT coalesce(team_id, '00000000-0000-0000-0000-000000000000') AS team_key, tag AS name, count(*)::int AS live_tasks
                FROM tasks CROSS JOIN LATERAL unnest(tags) AS tag WHERE archived_at IS NULL GROUP BY 1, 2) AS fresh
            ORDER BY 1
            """,
            ("team", team));

        Assert.Equal(recount, counters);
        Assert.Equal(expected, counters);
    }
}
