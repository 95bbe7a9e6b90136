using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Tasks.Queries.GetTask;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Tasks;

public sealed class GetTaskQueryHandlerTests
{
    private readonly TaskPorts _ports = new();

    [Fact]
    public async Task AnUnknownId_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => Handler(Alice).Handle(new GetTaskQuery(Guid.NewGuid()), CancellationToken.None));

        Assert.Equal("Task", error.Resource);
    }

    [Fact]
    public async Task AKnownId_IsAnsweredWithWhatTheCallerMayDo()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice));

        var dto = await Handler(Bob).Handle(new GetTaskQuery(task.Id), CancellationToken.None);

        Assert.Equal((task.Id, "Write the notes", TaskItemStatus.Pending), (dto.Id, dto.Title, dto.Status));
        Assert.Equal([TaskTrigger.Take], dto.AllowedActions);
    }

    [Fact]
    public async Task ATaskOfAnotherTeam_IsNotFound_ButAManagerSeesIt()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice, teamId: Guid.NewGuid()));

        await Assert.ThrowsAsync<NotFoundException>(() => Handler(Bob).Handle(new GetTaskQuery(task.Id), CancellationToken.None));
        Assert.Equal(task.Id, (await Handler(Maria).Handle(new GetTaskQuery(task.Id), CancellationToken.None)).Id);
    }

    [Fact]
    public async Task AnAnonymousCaller_IsUnauthorized()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice));

        await Assert.ThrowsAsync<UnauthorizedException>(() => Handler(null).Handle(new GetTaskQuery(task.Id), CancellationToken.None));
    }

    private GetTaskQueryHandler Handler(Actor? actor) => new(_ports.Access, SignedIn(actor), TestMapper.Instance);
}
