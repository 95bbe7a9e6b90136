using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Persistence.Repositories;

namespace TaskOrchestration.Infrastructure.IntegrationTests;

public sealed class TaskRepositoryListTests(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private static readonly TaskVisibility SeesAll = new(true, new HashSet<Guid>());

    [Fact]
    public async Task Filters_CombineAllGivenCriteria()
    {
        var alice = await AddUserAsync();
        var bob = await AddUserAsync();
        var lowDraft = await AddTaskAsync(alice, title: "Plan 50% of the budget", draft: true, priority: TaskPriority.Low);
        var highPending = await AddTaskAsync(alice, title: "Book the venue", priority: TaskPriority.High, createdAt: Now.AddMinutes(1));
        var bobsRunning = await AddTaskAsync(bob, title: "Print badges", priority: TaskPriority.High, createdAt: Now.AddMinutes(2), walk: t => t.Take(alice, Now.AddMinutes(2)));

        Assert.Equal([highPending.Id, bobsRunning.Id], await IdsAsync(new ListTasksQuery(Priority: [TaskPriority.High], SortDirection: SortDirection.Asc)));
        Assert.Equal([bobsRunning.Id], await IdsAsync(new ListTasksQuery(Status: [TaskItemStatus.Running, TaskItemStatus.Done])));
        Assert.Equal([bobsRunning.Id], await IdsAsync(new ListTasksQuery(OwnerId: alice.UserId)));
        Assert.Equal([bobsRunning.Id], await IdsAsync(new ListTasksQuery(CreatedBy: bob.UserId)));
        Assert.Equal([lowDraft.Id], await IdsAsync(new ListTasksQuery(Search: "50%")));
        Assert.Equal([lowDraft.Id], await IdsAsync(new ListTasksQuery(Search: "PLAN")));
        Assert.Empty(await IdsAsync(new ListTasksQuery(Search: "B_ok")));
        Assert.Equal([highPending.Id], await IdsAsync(new ListTasksQuery(Status: [TaskItemStatus.Pending], CreatedBy: alice.UserId)));
    }

    [Theory]
    [InlineData(TaskSortField.CreatedAt)]
    [InlineData(TaskSortField.UpdatedAt)]
    [InlineData(TaskSortField.DueDate)]
    [InlineData(TaskSortField.Priority)]
    [InlineData(TaskSortField.Title)]
    public async Task EqualSortKeys_AreOrderedById_InBothDirections(TaskSortField field)
    {
        var creator = await AddUserAsync();
        for (var i = 0; i < 4; i++)
        {
            await AddTaskAsync(creator, title: "same");
        }

        var ascending = await IdsAsync(new ListTasksQuery(SortBy: field, SortDirection: SortDirection.Asc));
        var descending = await IdsAsync(new ListTasksQuery(SortBy: field, SortDirection: SortDirection.Desc));

        Assert.Equal(ascending.Order(), ascending);
        Assert.Equal(ascending.AsEnumerable().Reverse(), descending);
    }

    [Fact]
    public async Task Paging_ReturnsTheRequestedSlice_AndTheTotal()
    {
        var creator = await AddUserAsync();
        var created = new List<TaskItem>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await AddTaskAsync(creator, title: $"task {i}", createdAt: Now.AddMinutes(i)));
        }

        await using var db = Database.CreateDbContext();
        var page = await new TaskRepository(db, TimeProvider.System).ListAsync(new ListTasksQuery(SortDirection: SortDirection.Asc, Page: 2, PageSize: 2), SeesAll, CancellationToken.None);

        Assert.Equal([created[2].Id, created[3].Id], page.Items.Select(task => task.Id));
        Assert.Equal((2, 2, 5), (page.PageNumber, page.PageSize, page.TotalCount));
    }

    [Fact]
    public async Task Find_ReturnsNullForAnUnknownId()
    {
        await using var db = Database.CreateDbContext();

        Assert.Null(await new TaskRepository(db, TimeProvider.System).FindAsync(Guid.NewGuid(), CancellationToken.None));
    }

    private async Task<List<Guid>> IdsAsync(ListTasksQuery query)
    {
        await using var db = Database.CreateDbContext();
        var page = await new TaskRepository(db, TimeProvider.System).ListAsync(query, SeesAll, CancellationToken.None);
        return [.. page.Items.Select(task => task.Id)];
    }
}
