using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Tasks.Queries.GetTaskHistory;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Tasks;

public sealed class GetTaskHistoryQueryHandlerTests
{
    private readonly TaskPorts _ports = new();

    [Fact]
    public async Task MapsTheRepositorysPageOfEntries()
    {
        var task = _ports.Store(SomeTasks.Running(Alice, Bob));
        task.Complete(Bob, "Shipped", Now);
        _ports.Tasks.Setup(repository => repository.HistoryAsync(task.Id, new PageRequest(2, 2, true), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Page<TaskHistoryEntry>([.. task.History], 2, 2, 4, HasMore: false));

        var page = await Handler(Alice).Handle(new GetTaskHistoryQuery(task.Id, 2, 2, IncludeTotal: true), CancellationToken.None);

        Assert.Equal([TaskTrigger.Take, TaskTrigger.Complete], page.Items.Select(entry => entry.Trigger!.Value));
        Assert.Equal([Bob.UserId, Bob.UserId], page.Items.Select(entry => entry.ActorId));
        Assert.Equal((2, 2, (int?)4, false), (page.Page, page.PageSize, page.TotalCount, page.HasMore));
    }

    [Fact]
    public async Task TheHistoryOfATaskTheCallerCannotSee_IsNotFound_AndNotRead()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice, teamId: Guid.NewGuid()));

        await Assert.ThrowsAsync<NotFoundException>(() => Handler(Bob).Handle(new GetTaskHistoryQuery(task.Id), CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => Handler(Bob).Handle(new GetTaskHistoryQuery(Guid.NewGuid()), CancellationToken.None));

        _ports.Tasks.Verify(repository =>
            repository.HistoryAsync(It.IsAny<Guid>(), It.IsAny<PageRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private GetTaskHistoryQueryHandler Handler(Actor actor) => new(_ports.Access, _ports.Tasks.Object, SignedIn(actor), TestMapper.Instance);
}
