using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Teams;
using TaskOrchestration.Domain.Users;
using TaskOrchestration.Infrastructure.Persistence.Repositories;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

/// <summary>TaskRepository.ListAsync in SQL: filters, ordering with the id tiebreak, offset and keyset pages.</summary>
public sealed class TaskRepositoryListTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly TaskVisibility SeesAll = new(true, new HashSet<Guid>());

    /// <summary>Orders ids as PostgreSQL orders uuids: byte by byte, which is the order of their canonical text.</summary>
    private static readonly Comparison<Guid> UuidOrder = (a, b) => string.CompareOrdinal(a.ToString(), b.ToString());

    public static TheoryData<TaskSortField, SortDirection> EverySort()
    {
        var data = new TheoryData<TaskSortField, SortDirection>();
        foreach (var field in Enum.GetValues<TaskSortField>())
        {
            data.Add(field, SortDirection.Asc);
            data.Add(field, SortDirection.Desc);
        }

        return data;
    }

    /// <summary>Keyset paging is offered for every sort but the due date (tasks without one have no key).</summary>
    public static TheoryData<TaskSortField, SortDirection> EveryKeysetSort()
    {
        var data = new TheoryData<TaskSortField, SortDirection>();
        foreach (var field in Enum.GetValues<TaskSortField>().Where(field => field != TaskSortField.DueDate))
        {
            data.Add(field, SortDirection.Asc);
            data.Add(field, SortDirection.Desc);
        }

        return data;
    }

    [Fact]
    public async Task Status_MatchesAnyOfSeveral()
    {
        var creator = await AddUserAsync();
        var draft = await AddTaskAsync(creator, draft: true);
        var pending = await AddTaskAsync(creator);
        var running = await AddTaskAsync(creator, walk: t => t.Take(creator, Now));
        await AddTaskAsync(creator, walk: t => { t.Take(creator, Now); t.Complete(creator, null, Now); });

        AssertSameSet([draft.Id, running.Id], await IdsAsync(new ListTasksQuery(Status: [TaskItemStatus.Draft, TaskItemStatus.Running])));
        AssertSameSet([pending.Id], await IdsAsync(new ListTasksQuery(Status: [TaskItemStatus.Pending])));
        Assert.Equal(4, (await ListAsync(new ListTasksQuery(Status: [], IncludeTotal: true))).TotalCount);
    }

    [Fact]
    public async Task Priority_MatchesAnyOfSeveral()
    {
        var creator = await AddUserAsync();
        var low = await AddTaskAsync(creator, priority: TaskPriority.Low);
        await AddTaskAsync(creator, priority: TaskPriority.Normal);
        await AddTaskAsync(creator, priority: TaskPriority.High);
        var critical = await AddTaskAsync(creator, priority: TaskPriority.Critical);

        AssertSameSet([low.Id, critical.Id], await IdsAsync(new ListTasksQuery(Priority: [TaskPriority.Low, TaskPriority.Critical])));
    }

    [Fact]
    public async Task OwnerAndCreator_AreSeparateFilters_AndFiltersCombine()
    {
        var alice = await AddUserAsync();
        var bob = await AddUserAsync();
        var takenByAlice = await AddTaskAsync(bob, priority: TaskPriority.High, walk: t => t.Take(alice, Now));
        var takenByBob = await AddTaskAsync(alice, priority: TaskPriority.Low, walk: t => t.Take(bob, Now));
        var alicesPending = await AddTaskAsync(alice, priority: TaskPriority.High);

        AssertSameSet([takenByAlice.Id], await IdsAsync(new ListTasksQuery(OwnerId: alice.UserId)));
        AssertSameSet([takenByBob.Id, alicesPending.Id], await IdsAsync(new ListTasksQuery(CreatedBy: alice.UserId)));
        AssertSameSet([alicesPending.Id], await IdsAsync(new ListTasksQuery(CreatedBy: alice.UserId, Priority: [TaskPriority.High])));
        AssertSameSet([alicesPending.Id], await IdsAsync(new ListTasksQuery(CreatedBy: alice.UserId, Status: [TaskItemStatus.Pending])));
        Assert.Empty(await IdsAsync(new ListTasksQuery(OwnerId: alice.UserId, CreatedBy: alice.UserId)));
    }

    [Fact]
    public async Task Search_IgnoresCase_AndReadsPercentUnderscoreAndBackslashLiterally()
    {
        var creator = await AddUserAsync();
        var fiftyPercent = await AddTaskAsync(creator, title: "Plan 50% of the budget");
        var fiveHundred = await AddTaskAsync(creator, title: "Order 500 chairs");
        var book = await AddTaskAsync(creator, title: "Book the venue");
        var underscore = await AddTaskAsync(creator, title: "Rename b_ok.txt");
        var path = await AddTaskAsync(creator, title: @"Clean C:\temp");
        var described = await AddTaskAsync(creator, title: "Catering", description: "Ask about the Zebra cake");

        AssertSameSet([fiftyPercent.Id], await IdsAsync(new ListTasksQuery(Search: "50%")));
        AssertSameSet([fiftyPercent.Id, fiveHundred.Id], await IdsAsync(new ListTasksQuery(Search: "50")));
        AssertSameSet([fiftyPercent.Id], await IdsAsync(new ListTasksQuery(Search: "pLAN")));
        AssertSameSet([underscore.Id], await IdsAsync(new ListTasksQuery(Search: "B_OK")));
        AssertSameSet([book.Id], await IdsAsync(new ListTasksQuery(Search: "book")));
        AssertSameSet([path.Id], await IdsAsync(new ListTasksQuery(Search: @"c:\TEMP")));
        AssertSameSet([described.Id], await IdsAsync(new ListTasksQuery(Search: "zebra")));
        AssertSameSet([fiftyPercent.Id], await IdsAsync(new ListTasksQuery(Search: "%")));
        AssertSameSet([underscore.Id], await IdsAsync(new ListTasksQuery(Search: "_")));
    }

    [Fact]
    public async Task DueDates_AndOverdue_CompareWithTheGivenTimes()
    {
        var creator = await AddUserAsync();
        var dueYesterday = await AddTaskAsync(creator, dueDate: Now.AddDays(-1));
        var runningDueYesterday = await AddTaskAsync(creator, dueDate: Now.AddDays(-1), walk: t => t.Take(creator, Now));
        await AddTaskAsync(creator, dueDate: Now.AddDays(-1), walk: t => { t.Take(creator, Now); t.Complete(creator, null, Now); });
        var dueTomorrow = await AddTaskAsync(creator, dueDate: Now.AddDays(1));
        await AddTaskAsync(creator);

        AssertSameSet([dueYesterday.Id, runningDueYesterday.Id], await IdsAsync(new ListTasksQuery(Overdue: true), clock: new FakeTimeProvider(Now)));
        AssertSameSet(
            [dueYesterday.Id, runningDueYesterday.Id, dueTomorrow.Id],
            await IdsAsync(new ListTasksQuery(Overdue: true), clock: new FakeTimeProvider(Now.AddDays(2))));
        AssertSameSet([dueTomorrow.Id], await IdsAsync(new ListTasksQuery(DueAfter: Now)));
        Assert.Equal(3, (await IdsAsync(new ListTasksQuery(DueBefore: Now))).Count);
        AssertSameSet([dueTomorrow.Id], await IdsAsync(new ListTasksQuery(DueAfter: Now.AddDays(-1), DueBefore: Now.AddDays(2))));
    }

    [Fact]
    public async Task TagsAssigneesTeamsAndArchive_Filter()
    {
        var manager = await AddUserAsync(UserRole.Manager);
        var member = await AddUserAsync();
        var team = Team.Create("Platform", manager, Now);
        team.AddMember(member.UserId, Now);
        await using (var db = Database.CreateDbContext())
        {
            db.Teams.Add(team);
            await db.SaveChangesAsync();
        }

        var both = await AddTaskAsync(manager, walk: t => t.Tag(["Urgent", "backend"], manager, Now));
        var urgent = await AddTaskAsync(manager, walk: t => t.Tag(["urgent"], manager, Now));
        var assigned = await AddTaskAsync(manager, walk: t => t.AssignTo([member.UserId], manager, Now));
        var teams = await AddTaskAsync(manager, teamId: team.Id);
        var archived = await AddTaskAsync(manager, walk: t => t.Archive(manager, Now));

        AssertSameSet([both.Id, urgent.Id], await IdsAsync(new ListTasksQuery(Tag: ["URGENT"])));
        AssertSameSet([both.Id], await IdsAsync(new ListTasksQuery(Tag: ["urgent", "Backend"])));
        AssertSameSet([assigned.Id], await IdsAsync(new ListTasksQuery(AssigneeId: member.UserId)));
        AssertSameSet([teams.Id], await IdsAsync(new ListTasksQuery(TeamId: team.Id)));
        AssertSameSet([both.Id, urgent.Id, assigned.Id, teams.Id], await IdsAsync(new ListTasksQuery()));
        AssertSameSet([archived.Id], await IdsAsync(new ListTasksQuery(Archived: true)));
    }

    [Fact]
    public async Task Visibility_HidesTheTasksOfOtherTeams()
    {
        var manager = await AddUserAsync(UserRole.Manager);
        var mine = Team.Create("Mine", manager, Now);
        var theirs = Team.Create("Theirs", manager, Now);
        await using (var db = Database.CreateDbContext())
        {
            db.Teams.AddRange(mine, theirs);
            await db.SaveChangesAsync();
        }

        var open = await AddTaskAsync(manager);
        var ofMine = await AddTaskAsync(manager, teamId: mine.Id);
        var ofTheirs = await AddTaskAsync(manager, teamId: theirs.Id);

        AssertSameSet([open.Id, ofMine.Id], await IdsAsync(new ListTasksQuery(), new TaskVisibility(false, new HashSet<Guid> { mine.Id })));
        AssertSameSet([open.Id], await IdsAsync(new ListTasksQuery(), new TaskVisibility(false, new HashSet<Guid>())));
        AssertSameSet([open.Id, ofMine.Id, ofTheirs.Id], await IdsAsync(new ListTasksQuery()));
        Assert.Equal(1, (await ListAsync(new ListTasksQuery(IncludeTotal: true), new TaskVisibility(false, new HashSet<Guid>()))).TotalCount);
    }

    [Theory]
    [MemberData(nameof(EverySort))]
    public async Task Sorting_OrdersByTheField_ThenById_InTheSameDirection(TaskSortField field, SortDirection direction)
    {
        var seeded = await SeedSortableTasksAsync();

        var listed = await IdsAsync(new ListTasksQuery(SortBy: field, SortDirection: direction, PageSize: 100));

        Assert.Equal(Expected(seeded, field, direction), listed);
    }

    [Theory]
    [InlineData(SortDirection.Asc)]
    [InlineData(SortDirection.Desc)]
    public async Task SortingByDueDate_PutsTasksWithoutOne_Last(SortDirection direction)
    {
        // TaskSortField.DueDate is documented as "Due date; tasks without one come last."
        var creator = await AddUserAsync();
        var soon = await AddTaskAsync(creator, dueDate: Now.AddDays(1));
        var later = await AddTaskAsync(creator, dueDate: Now.AddDays(2));
        var undated = new List<Guid> { (await AddTaskAsync(creator)).Id, (await AddTaskAsync(creator)).Id };
        undated.Sort(UuidOrder);
        if (direction == SortDirection.Desc)
        {
            undated.Reverse();
        }

        var listed = await IdsAsync(new ListTasksQuery(SortBy: TaskSortField.DueDate, SortDirection: direction));

        var dated = direction == SortDirection.Asc ? new[] { soon.Id, later.Id } : [later.Id, soon.Id];
        Assert.Equal([.. dated, .. undated], listed);
    }

    [Fact]
    public async Task Paging_SlicesTheOrderedMatches_WithTheTotalOfAllMatches()
    {
        var creator = await AddUserAsync();
        var someoneElse = await AddUserAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await AddTaskAsync(creator, title: $"task {i}", createdAt: Now.AddMinutes(i))).Id);
        }

        await AddTaskAsync(someoneElse, createdAt: Now.AddMinutes(-1));
        var query = new ListTasksQuery(CreatedBy: creator.UserId, SortBy: TaskSortField.CreatedAt, SortDirection: SortDirection.Asc, PageSize: 2, IncludeTotal: true);

        var pages = new List<Page<TaskItem>>();
        for (var number = 1; number <= 4; number++)
        {
            pages.Add(await ListAsync(query with { Page = number }));
        }

        Assert.Equal([created[0], created[1]], pages[0].Items.Select(task => task.Id));
        Assert.Equal([created[2], created[3]], pages[1].Items.Select(task => task.Id));
        Assert.Equal([created[4]], pages[2].Items.Select(task => task.Id));
        Assert.Empty(pages[3].Items);
        Assert.All(pages, page => Assert.Equal((2, (int?)5), (page.PageSize, page.TotalCount)));
        Assert.Equal([1, 2, 3, 4], pages.Select(page => page.PageNumber));
        Assert.Equal([true, true, false, false], pages.Select(page => page.HasMore));
    }

    [Fact]
    public async Task TotalCount_IsExactUpToTheLimit_AndUnknownPastIt()
    {
        var creator = await AddUserAsync();
        await InsertTasksAsync(creator, Paging.TotalCountLimit);

        var atTheLimit = await ListAsync(new ListTasksQuery(PageSize: 3, IncludeTotal: true));
        Assert.Equal((Paging.TotalCountLimit, true, 3), (atTheLimit.TotalCount, atTheLimit.HasMore, atTheLimit.Items.Count));

        await InsertTasksAsync(creator, 1);
        var pastIt = await ListAsync(new ListTasksQuery(PageSize: 3, IncludeTotal: true));
        Assert.Equal(((int?)null, true, 3), (pastIt.TotalCount, pastIt.HasMore, pastIt.Items.Count));

        // The limit applies to what matches the filter, not to the table.
        var filtered = await ListAsync(new ListTasksQuery(Search: "#00042", PageSize: 3, IncludeTotal: true));
        Assert.Equal(((int?)1, false), (filtered.TotalCount, filtered.HasMore));
    }

    [Fact]
    public async Task TotalCount_IsLeftOut_UnlessAskedFor()
    {
        var creator = await AddUserAsync();
        await AddTaskAsync(creator);
        await AddTaskAsync(creator);

        var page = await ListAsync(new ListTasksQuery(PageSize: 1));

        Assert.Equal(((int?)null, true), (page.TotalCount, page.HasMore));
        Assert.Equal(2, (await ListAsync(new ListTasksQuery(PageSize: 1, IncludeTotal: true))).TotalCount);
    }

    [Fact]
    public async Task Paging_ByEqualKeys_NeitherRepeatsNorSkipsATask()
    {
        var creator = await AddUserAsync();
        var all = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            all.Add((await AddTaskAsync(creator, title: "same", priority: TaskPriority.High)).Id);
        }

        var paged = new List<Guid>();
        for (var number = 1; number <= 4; number++)
        {
            paged.AddRange(await IdsAsync(new ListTasksQuery(SortBy: TaskSortField.Title, SortDirection: SortDirection.Desc, Page: number, PageSize: 2)));
        }

        all.Sort(UuidOrder);
        all.Reverse();
        Assert.Equal(all, paged);
    }

    [Theory]
    [MemberData(nameof(EveryKeysetSort))]
    public async Task KeysetPages_FollowTheSameOrder_WithoutRepeatsOrGaps(TaskSortField field, SortDirection direction)
    {
        var seeded = await SeedSortableTasksAsync();

        var paged = new List<Guid>();
        string? cursor = null;
        for (var pages = 0; pages < seeded.Count; pages++)
        {
            var page = await ListAsync(new ListTasksQuery(SortBy: field, SortDirection: direction, PageSize: 2, Cursor: cursor));
            paged.AddRange(page.Items.Select(task => task.Id));
            if (page.Items.Count < 2)
            {
                break;
            }

            cursor = TaskListCursor.Encode(page.Items[^1], field, direction);
        }

        Assert.Equal(Expected(seeded, field, direction), paged);
    }

    [Fact]
    public async Task Find_ReturnsTheTask_OrNullForAnUnknownId()
    {
        var creator = await AddUserAsync();
        var task = await AddTaskAsync(creator, title: "Findable");
        await using var db = Database.CreateDbContext();
        var repository = new TaskRepository(db, TimeProvider.System);

        Assert.Equal("Findable", (await repository.FindAsync(task.Id, CancellationToken.None))?.Title);
        Assert.Null(await repository.FindAsync(Guid.NewGuid(), CancellationToken.None));
    }

    /// <summary>Many plain pending tasks at once, in SQL (the aggregate path would take minutes for ten thousand).</summary>
    private Task<int> InsertTasksAsync(Actor creator, int count) => ExecuteAsync(
        """
        INSERT INTO tasks (id, title, priority, status, created_by, created_at, updated_at, attempt_count)
        SELECT gen_random_uuid(), 'bulk #' || lpad(n::text, 5, '0') || ' ' || gen_random_uuid(), 1, 'pending', @creator, @now, @now, 1
        FROM generate_series(1, @count) AS n
        """,
        ("creator", creator.UserId),
        ("now", Now),
        ("count", count));

    /// <summary>Six tasks where every sort key has ties and no two keys agree on the order.</summary>
    private async Task<List<TaskItem>> SeedSortableTasksAsync()
    {
        var creator = await AddUserAsync();
        (string Title, TaskPriority Priority, int DueDay, int CreatedMinute, int UpdatedMinute)[] rows =
        [
            ("bravo", TaskPriority.High, 2, 0, 10),
            ("alpha", TaskPriority.Low, 1, 1, 8),
            ("bravo", TaskPriority.Low, 3, 1, 10),
            ("delta", TaskPriority.Critical, 1, 2, 7),
            ("charlie", TaskPriority.High, 4, 3, 9),
            ("alpha", TaskPriority.Normal, 4, 3, 9),
        ];
        var tasks = new List<TaskItem>();
        foreach (var row in rows)
        {
            // Created as a draft, then published: the publication is the last change, so it sets UpdatedAt.
            tasks.Add(await AddTaskAsync(
                creator,
                title: row.Title,
                priority: row.Priority,
                dueDate: Now.AddDays(row.DueDay),
                createdAt: Now.AddMinutes(row.CreatedMinute),
                draft: true,
                walk: t => t.Publish(creator, Now.AddMinutes(row.UpdatedMinute))));
        }

        return tasks;
    }

    private static List<Guid> Expected(List<TaskItem> tasks, TaskSortField field, SortDirection direction)
    {
        Comparison<TaskItem> byKey = field switch
        {
            TaskSortField.CreatedAt => (a, b) => a.CreatedAt.CompareTo(b.CreatedAt),
            TaskSortField.UpdatedAt => (a, b) => a.UpdatedAt.CompareTo(b.UpdatedAt),
            TaskSortField.DueDate => (a, b) => Nullable.Compare(a.DueDate, b.DueDate),
            TaskSortField.Priority => (a, b) => a.Priority.CompareTo(b.Priority),
            TaskSortField.Title => (a, b) => string.CompareOrdinal(a.Title, b.Title),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "A sort this test does not know."),
        };
        var sign = direction == SortDirection.Asc ? 1 : -1;
        var ordered = tasks.ToList();
        ordered.Sort((a, b) => sign * (byKey(a, b) is var key and not 0 ? key : UuidOrder(a.Id, b.Id)));
        return [.. ordered.Select(task => task.Id)];
    }

    private static void AssertSameSet(IEnumerable<Guid> expected, IEnumerable<Guid> actual) =>
        Assert.Equal(expected.Order(), actual.Order());

    private async Task<Page<TaskItem>> ListAsync(ListTasksQuery query, TaskVisibility? visibility = null, TimeProvider? clock = null)
    {
        await using var db = Database.CreateDbContext();
        return await new TaskRepository(db, clock ?? TimeProvider.System).ListAsync(query, visibility ?? SeesAll, CancellationToken.None);
    }

    private async Task<List<Guid>> IdsAsync(ListTasksQuery query, TaskVisibility? visibility = null, TimeProvider? clock = null) =>
        [.. (await ListAsync(query, visibility, clock)).Items.Select(task => task.Id)];
}
