using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.Tasks.Queries.GetTask;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.People;

namespace TaskOrchestration.Application.UnitTests;

public sealed class TaskQueryHandlerTests
{
    private readonly Mock<ITaskRepository> _tasks = new();
    private readonly Mock<ITeamRepository> _teams = new();

    public TaskQueryHandlerTests()
    {
        _teams.Setup(teams => teams.TeamIdsOfAsync(It.IsAny<Guid>(), It.IsAny<CancellationToken>())).ReturnsAsync(new HashSet<Guid>());
    }

    [Fact]
    public async Task GetTask_OfAnUnknownId_IsNotFound()
    {
        var handler = new GetTaskQueryHandler(new TaskAccess(_tasks.Object, _teams.Object), SignedIn(Alice), TestMapper.Instance);

        await Assert.ThrowsAsync<NotFoundException>(() => handler.Handle(new GetTaskQuery(Guid.NewGuid()), CancellationToken.None));
    }

    [Fact]
    public async Task ListTasks_MapsTheRepositorysPage()
    {
        var first = TaskItem.Create("First", null, TaskPriority.Normal, null, false, Alice, Now);
        var second = TaskItem.Create("Second", null, TaskPriority.Normal, null, true, Alice, Now);
        var query = new ListTasksQuery(Page: 2, PageSize: 2);
        _tasks.Setup(repository => repository.ListAsync(query, It.Is<TaskVisibility>(visibility => !visibility.AllTeams), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Page<TaskItem>([first, second], 2, 2, 7));
        var handler = new ListTasksQueryHandler(_tasks.Object, new TaskAccess(_tasks.Object, _teams.Object), SignedIn(Bob), TestMapper.Instance);

        var page = await handler.Handle(query, CancellationToken.None);

        Assert.Equal(["First", "Second"], page.Items.Select(task => task.Title));
        Assert.Equal((2, 2, 7), (page.Page, page.PageSize, page.TotalCount));
        Assert.Equal([TaskTrigger.Take], page.Items[0].AllowedActions);
    }
}
