using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Tasks;

public sealed class ListTasksQueryHandlerTests
{
    private readonly TaskPorts _ports = new();

    [Fact]
    public async Task MapsTheRepositorysPage_ItemsInOrder_AndItsPagingFields()
    {
        var first = SomeTasks.Pending(Alice);
        var second = SomeTasks.Running(Alice, Bob);
        var query = new ListTasksQuery(Page: 3, PageSize: 2);
        _ports.Tasks.Setup(repository => repository.ListAsync(query, It.IsAny<TaskVisibility>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Page<TaskItem>([first, second], 3, 2, 7, HasMore: true));

        var page = await Handler(Bob).Handle(query, CancellationToken.None);

        Assert.Equal([first.Id, second.Id], page.Items.Select(task => task.Id));
        Assert.Equal((3, 2, (int?)7, true), (page.Page, page.PageSize, page.TotalCount, page.HasMore));
        Assert.Equal([TaskTrigger.Take], page.Items[0].AllowedActions);
        Assert.Equal([TaskTrigger.Complete, TaskTrigger.Fail, TaskTrigger.Release], page.Items[1].AllowedActions);
    }

    [Fact]
    public async Task AnEmptyPage_IsAnEmptyList()
    {
        var query = new ListTasksQuery();
        _ports.Tasks.Setup(repository => repository.ListAsync(query, It.IsAny<TaskVisibility>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Page<TaskItem>([], 1, 20, 0, HasMore: false));

        var page = await Handler(Alice).Handle(query, CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.Equal((1, 20, (int?)0, false), (page.Page, page.PageSize, page.TotalCount, page.HasMore));
    }

    [Fact]
    public async Task AMember_ListsWithTheirTeams_AndAManagerWithAllTeams()
    {
        var teamId = Guid.NewGuid();
        _ports.MemberOf(Bob, teamId);
        var seen = new List<TaskVisibility>();
        _ports.Tasks.Setup(repository => repository.ListAsync(It.IsAny<ListTasksQuery>(), It.IsAny<TaskVisibility>(), It.IsAny<CancellationToken>()))
            .Callback<ListTasksQuery, TaskVisibility, CancellationToken>((_, visibility, _) => seen.Add(visibility))
            .ReturnsAsync(new Page<TaskItem>([], 1, 20, 0, HasMore: false));

        await Handler(Bob).Handle(new ListTasksQuery(), CancellationToken.None);
        await Handler(Maria).Handle(new ListTasksQuery(), CancellationToken.None);

        Assert.False(seen[0].AllTeams);
        Assert.Equal([teamId], seen[0].TeamIds);
        Assert.True(seen[1].AllTeams);
    }

    [Fact]
    public async Task AnAnonymousCaller_IsUnauthorized_AndNothingIsRead()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() => Handler(null).Handle(new ListTasksQuery(), CancellationToken.None));

        _ports.Tasks.VerifyNoOtherCalls();
    }

    private ListTasksQueryHandler Handler(Actor? actor) => new(_ports.Tasks.Object, _ports.Access, SignedIn(actor), TestMapper.Instance);
}
