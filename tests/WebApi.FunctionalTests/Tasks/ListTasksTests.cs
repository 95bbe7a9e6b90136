using System.Net;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Tasks;

public sealed class ListTasksTests(ApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Filters_ByStatusesPriorityOwnerCreatorAndSearch()
    {
        var alice = await SignUpAsync();
        var bob = await SignUpAsync();
        var draft = await CreateTaskAsync(alice, "Plan the Offsite", draft: true, priority: "low");
        var pending = await CreateTaskAsync(alice, "Book the venue", priority: "high");
        var running = await CreateTaskAsync(bob, "Order 100% cotton shirts", priority: "high");
        await FireOkAsync(alice, running.Id, "take");

        Assert.Equal([draft.Id, running.Id], Ids(await ListAsync(alice, "?status=draft&status=running&sortBy=createdAt&sortDirection=asc")));
        Assert.Equal([pending.Id, running.Id], Ids(await ListAsync(alice, "?priority=high&sortDirection=asc")));
        Assert.Equal([running.Id], Ids(await ListAsync(alice, $"?ownerId={alice.Id}")));
        Assert.Equal([running.Id], Ids(await ListAsync(alice, $"?createdBy={bob.Id}")));
        Assert.Equal([draft.Id], Ids(await ListAsync(alice, "?search=offSITE")));
        Assert.Equal([running.Id], Ids(await ListAsync(alice, "?search=100%25")));
        Assert.Empty(Ids(await ListAsync(alice, "?search=_ook")));
        Assert.Equal([pending.Id], Ids(await ListAsync(alice, "?status=pending&priority=high")));
    }

    [Fact]
    public async Task Filters_ByDueDateOverdueAndDescriptionText()
    {
        var user = await SignUpAsync();
        var now = DateTimeOffset.UtcNow;
        var late = await CreateDueAsync(user, "Late", now.AddDays(-2), "mentions the PRINTER");
        var soon = await CreateDueAsync(user, "Soon", now.AddDays(2), null);
        var lateButDone = await CreateDueAsync(user, "Late but done", now.AddDays(-1), null);
        await FireOkAsync(user, lateButDone.Id, "take");
        await FireOkAsync(user, lateButDone.Id, "complete");
        await CreateTaskAsync(user, "No due date");

        Assert.Equal([late.Id], Ids(await ListAsync(user, "?overdue=true")));
        Assert.Equal(new[] { late.Id, lateButDone.Id }.Order(), Ids(await ListAsync(user, $"?dueBefore={Uri.EscapeDataString(now.ToString("O"))}")).Order());
        Assert.Equal([soon.Id], Ids(await ListAsync(user, $"?dueAfter={Uri.EscapeDataString(now.ToString("O"))}")));
        Assert.Equal([late.Id], Ids(await ListAsync(user, "?search=printer")));
        await Problem.AssertAsync(await user.Client.GetAsync($"/api/v1/tasks?dueAfter={Uri.EscapeDataString(now.ToString("O"))}&dueBefore={Uri.EscapeDataString(now.AddDays(-1).ToString("O"))}"), HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [InlineData("createdAt", "desc")]
    [InlineData("createdAt", "asc")]
    [InlineData("priority", "asc")]
    [InlineData("title", "desc")]
    [InlineData("updatedAt", "asc")]
    public async Task CursorPages_WalkEveryTaskOnce_EvenWhenTasksAreAddedMeanwhile(string sortBy, string direction)
    {
        var user = await SignUpAsync();
        string[] priorities = ["low", "normal", "high"];
        for (var i = 0; i < 7; i++)
        {
            await CreateTaskAsync(user, $"task {i % 3}", priority: priorities[i % 3]);
        }

        var seen = new List<Guid>();
        var first = await ListAsync(user, $"?sortBy={sortBy}&sortDirection={direction}&pageSize=3");
        seen.AddRange(Ids(first));
        await CreateTaskAsync(user, "inserted while paging", priority: "critical");
        var cursor = first.NextCursor;
        while (cursor is not null)
        {
            var next = await ListAsync(user, $"?sortBy={sortBy}&sortDirection={direction}&pageSize=3&cursor={cursor}");
            seen.AddRange(Ids(next));
            cursor = next.NextCursor;
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(seen.Count is 7 or 8, $"saw {seen.Count}");
    }

    [Fact]
    public async Task ACursorForAnotherSort_OrGarbage_Answers400()
    {
        var user = await SignUpAsync();
        for (var i = 0; i < 3; i++)
        {
            await CreateTaskAsync(user, $"task {i}");
        }

        var cursor = (await ListAsync(user, "?pageSize=1")).NextCursor;

        Assert.NotNull(cursor);
        await Problem.AssertAsync(await user.Client.GetAsync($"/api/v1/tasks?sortBy=title&cursor={cursor}"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.AssertAsync(await user.Client.GetAsync("/api/v1/tasks?cursor=not-a-cursor"), HttpStatusCode.BadRequest, "validation_failed");
        await Problem.AssertAsync(await user.Client.GetAsync($"/api/v1/tasks?sortBy=dueDate&cursor={cursor}"), HttpStatusCode.BadRequest, "validation_failed");
    }

    private static async Task<TaskDto> CreateDueAsync(TestUser user, string title, DateTimeOffset due, string? description)
    {
        var response = await user.Client.PostAsync("/api/v1/tasks", Json.Body(new { title, dueDate = due, description }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<TaskDto>();
    }

    [Theory]
    [InlineData("title", "asc", new[] { "alpha", "bravo", "charlie" })]
    [InlineData("title", "desc", new[] { "charlie", "bravo", "alpha" })]
    [InlineData("priority", "asc", new[] { "bravo", "charlie", "alpha" })]
    [InlineData("priority", "desc", new[] { "alpha", "charlie", "bravo" })]
    [InlineData("createdAt", "asc", new[] { "charlie", "alpha", "bravo" })]
    [InlineData("createdAt", "desc", new[] { "bravo", "alpha", "charlie" })]
    public async Task Sorts_InBothDirections(string sortBy, string direction, string[] expectedTitles)
    {
        var user = await SignUpAsync();
        await CreateTaskAsync(user, "charlie", priority: "normal");
        await CreateTaskAsync(user, "alpha", priority: "critical");
        await CreateTaskAsync(user, "bravo", priority: "low");

        var page = await ListAsync(user, $"?sortBy={sortBy}&sortDirection={direction}");

        Assert.Equal(expectedTitles, page.Items.Select(task => task.Title));
    }

    [Fact]
    public async Task EqualSortKeys_AreOrderedByIdSoPagesNeverOverlap()
    {
        var user = await SignUpAsync();
        for (var i = 0; i < 7; i++)
        {
            await CreateTaskAsync(user, "same title", priority: "normal");
        }

        var seen = new List<Guid>();
        for (var page = 1; page <= 4; page++)
        {
            seen.AddRange(Ids(await ListAsync(user, $"?sortBy=priority&pageSize=2&page={page}")));
        }

        Assert.Equal(7, seen.Distinct().Count());
        Assert.Equal(7, seen.Count);
    }

    [Fact]
    public async Task Pages_CarryTheirNumberSizeAndTotal()
    {
        var user = await SignUpAsync();
        for (var i = 0; i < 5; i++)
        {
            await CreateTaskAsync(user, $"task {i}");
        }

        var second = await ListAsync(user, "?page=2&pageSize=2");
        var last = await ListAsync(user, "?page=3&pageSize=2");
        var beyond = await ListAsync(user, "?page=9&pageSize=2");

        Assert.Equal((2, 2, 5, 2), (second.Page, second.PageSize, second.TotalCount, second.Items.Count));
        Assert.Single(last.Items);
        Assert.Empty(beyond.Items);
        Assert.Equal(5, beyond.TotalCount);
        Assert.Equal(20, (await ListAsync(user, string.Empty)).PageSize);
    }

    [Theory]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?pageSize=-1", "pageSize")]
    [InlineData("?pageSize=abc", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=99999999999", "page")]
    [InlineData("?status=bogus", "status")]
    [InlineData("?status=1", "status")]
    [InlineData("?priority=urgent", "priority")]
    [InlineData("?sortBy=colour", "sortBy")]
    [InlineData("?sortDirection=sideways", "sortDirection")]
    [InlineData("?ownerId=not-a-guid", "ownerId")]
    public async Task InvalidQuery_Answers400NamingTheParameter(string query, string parameter)
    {
        var user = await SignUpAsync();

        var problem = await Problem.AssertAsync(await user.Client.GetAsync($"/api/v1/tasks{query}"), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Contains(parameter, problem.Errors.Keys);
    }

    [Fact]
    public async Task ListedTasks_CarryTheCallersAllowedActions()
    {
        var alice = await SignUpAsync();
        var bob = await SignUpAsync();
        await CreateTaskAsync(alice, draft: true);

        Assert.Equal([TaskTrigger.Publish, TaskTrigger.Cancel], (await ListAsync(alice, string.Empty)).Items.Single().AllowedActions);
        Assert.Empty((await ListAsync(bob, string.Empty)).Items.Single().AllowedActions);
    }

    private static async Task<PagedList<TaskDto>> ListAsync(TestUser user, string query)
    {
        var response = await user.Client.GetAsync($"/api/v1/tasks{query}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<PagedList<TaskDto>>();
    }

    private static List<Guid> Ids(PagedList<TaskDto> page) => [.. page.Items.Select(task => task.Id)];
}
