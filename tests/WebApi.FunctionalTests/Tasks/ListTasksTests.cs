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

    [Theory]
    [InlineData("asc", new[] { "overdue", "soon", "later", "undated" })]
    [InlineData("desc", new[] { "later", "soon", "overdue", "undated" })]
    public async Task DueDateSort_PutsUndatedTasksLast_InBothDirections(string direction, string[] expectedTitles)
    {
        var user = await SignUpAsync();
        var now = DateTimeOffset.UtcNow;
        await CreateDueAsync(user, "soon", now.AddDays(1), null);
        await CreateTaskAsync(user, "undated");
        await CreateDueAsync(user, "later", now.AddDays(5), null);
        await CreateDueAsync(user, "overdue", now.AddDays(-1), null);

        var page = await ListAsync(user, $"?sortBy=dueDate&sortDirection={direction}");

        Assert.Equal(expectedTitles, page.Items.Select(task => task.Title));
    }

    [Theory]
    [InlineData("title", "asc")]
    [InlineData("title", "desc")]
    [InlineData("priority", "asc")]
    [InlineData("priority", "desc")]
    [InlineData("dueDate", "asc")]
    [InlineData("dueDate", "desc")]
    [InlineData("createdAt", "asc")]
    public async Task EqualSortKeys_AreOrderedById_SoTheOrderIsStableAndPagesNeverOverlap(string sortBy, string direction)
    {
        var user = await SignUpAsync();
        for (var i = 0; i < 7; i++)
        {
            await CreateTaskAsync(user, "same title", priority: "normal");
        }

        var whole = Ids(await ListAsync(user, $"?sortBy={sortBy}&sortDirection={direction}&pageSize=100"));
        var paged = new List<Guid>();
        for (var page = 1; page <= 3; page++)
        {
            paged.AddRange(Ids(await ListAsync(user, $"?sortBy={sortBy}&sortDirection={direction}&pageSize=3&page={page}")));
        }

        // PostgreSQL orders uuids byte by byte, which is the order of their lower-case text.
        var byId = whole.Order(Comparer<Guid>.Create((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()))).ToList();
        if (direction == "desc")
        {
            byId.Reverse();
        }

        Assert.Equal(7, whole.Count);
        Assert.Equal(byId, whole);
        Assert.Equal(whole, paged);
        Assert.Equal(whole, Ids(await ListAsync(user, $"?sortBy={sortBy}&sortDirection={direction}&pageSize=100")));
    }

    [Fact]
    public async Task Search_TreatsPercentAndUnderscoreAsPlainText()
    {
        var user = await SignUpAsync();
        var underscore = await CreateTaskAsync(user, "Rename snake_case fields");
        await CreateTaskAsync(user, "Rename snakeXcase fields");
        var percent = await CreateTaskAsync(user, "Give 50% off");
        await CreateTaskAsync(user, "Give 500 items away");

        Assert.Equal([underscore.Id], Ids(await ListAsync(user, "?search=e_c")));
        Assert.Equal([percent.Id], Ids(await ListAsync(user, "?search=50%25")));
        Assert.Equal([percent.Id], Ids(await ListAsync(user, "?search=%25")));
        Assert.Equal(2, (await ListAsync(user, "?search=GIVE&includeTotal=true")).TotalCount);
    }

    [Theory]
    [InlineData("createdAt", 0, "not-a-number")]
    [InlineData("createdAt", 0, "-1")]
    [InlineData("priority", 3, "high")]
    public async Task ForgedCursor_WhoseKeyDoesNotFitTheSort_Answers400NamingTheCursor(string sortBy, int sortField, string key)
    {
        var user = await SignUpAsync();
        await CreateTaskAsync(user);
        // The cursor's own format (base64url of a small JSON), well formed, but with a key no page could have produced.
        var json = $$"""{"S":{{sortField}},"D":1,"K":"{{key}}","I":"{{Guid.NewGuid()}}"}""";
        var cursor = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var response = await user.Client.GetAsync($"/api/v1/tasks?sortBy={sortBy}&sortDirection=desc&cursor={cursor}");

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Contains("cursor", problem.Errors.Keys);
    }

    [Theory]
    [InlineData("?status=")]
    [InlineData("?priority=")]
    public async Task EmptyEnumFilter_MeansNoFilter_AsAnEmptySortByDoes(string query)
    {
        var user = await SignUpAsync();
        await CreateTaskAsync(user, draft: true);
        await CreateTaskAsync(user, priority: "high");

        Assert.Equal(2, (await ListAsync(user, "?sortBy=&includeTotal=true")).TotalCount);
        Assert.Equal(2, (await ListAsync(user, query + "&includeTotal=true")).TotalCount);
    }

    [Fact]
    public async Task Pages_CarryTheirNumberSizeAndTotal()
    {
        var user = await SignUpAsync();
        for (var i = 0; i < 5; i++)
        {
            await CreateTaskAsync(user, $"task {i}");
        }

        var second = await ListAsync(user, "?page=2&pageSize=2&includeTotal=true");
        var last = await ListAsync(user, "?page=3&pageSize=2");
        var beyond = await ListAsync(user, "?page=9&pageSize=2&includeTotal=true");

        Assert.Equal((2, 2, (int?)5, 2, true), (second.Page, second.PageSize, second.TotalCount, second.Items.Count, second.HasMore));
        Assert.Single(last.Items);
        Assert.False(last.HasMore);
        Assert.Empty(beyond.Items);
        Assert.Equal(5, beyond.TotalCount);
        Assert.Equal(20, (await ListAsync(user, string.Empty)).PageSize);
        // Counting costs more than the page on large lists: only when asked for.
        Assert.Null((await ListAsync(user, "?pageSize=2")).TotalCount);
        Assert.Null((await ListAsync(user, "?pageSize=2&includeTotal=false")).TotalCount);
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
    [InlineData("?dueBefore=not-a-date", "dueBefore")]
    [InlineData("?page=2&pageSize=abc", "pageSize")]
    [InlineData("?page=1&page=2", "page")]
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
