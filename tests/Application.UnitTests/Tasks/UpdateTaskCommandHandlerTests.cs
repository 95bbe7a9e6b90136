using TaskOrchestration.Application.Tasks.Commands.UpdateTask;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Tasks;

public sealed class UpdateTaskCommandHandlerTests
{
    private readonly TaskPorts _ports = new();

    [Fact]
    public async Task PassesEveryFieldToTheTask()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice));

        var dto = await Handler(Alice)
            .Handle(new UpdateTaskCommand(task.Id, "Renamed", "New details", TaskPriority.Critical, Now.AddDays(1)), CancellationToken.None);

        Assert.Equal(
            ("Renamed", "New details", TaskPriority.Critical, (DateTimeOffset?)Now.AddDays(1)),
            (dto.Title, dto.Description, dto.Priority, dto.DueDate));
        Assert.Equal(
            ("Renamed", "New details", TaskPriority.Critical, (DateTimeOffset?)Now.AddDays(1)),
            (task.Title, task.Description, task.Priority, task.DueDate));
    }

    [Fact]
    public async Task FieldsLeftOut_KeepTheirValues()
    {
        var task = _ports.Store(TaskItem.Create("Title", "Details", TaskPriority.High, Now.AddDays(1), false, Alice, Now));

        var dto = await Handler(Alice).Handle(new UpdateTaskCommand(task.Id, Description: "More details"), CancellationToken.None);

        Assert.Equal(("Title", "More details", TaskPriority.High, (DateTimeOffset?)Now.AddDays(1)), (dto.Title, dto.Description, dto.Priority, dto.DueDate));
    }

    [Fact]
    public async Task ClearDueDate_RemovesTheDueDate()
    {
        var task = _ports.Store(TaskItem.Create("Title", null, TaskPriority.Normal, Now.AddDays(1), false, Alice, Now));

        var dto = await Handler(Alice).Handle(new UpdateTaskCommand(task.Id, ClearDueDate: true), CancellationToken.None);

        Assert.Null(dto.DueDate);
        Assert.Null(task.DueDate);
    }

    [Fact]
    public async Task AClosedTask_CannotBeEdited()
    {
        var task = SomeTasks.Pending(Alice);
        task.Cancel(Alice, null, Now);
        _ports.Store(task);

        var error = await Assert.ThrowsAsync<DomainException>(() => Handler(Alice).Handle(new UpdateTaskCommand(task.Id, "Renamed"), CancellationToken.None));

        Assert.Equal("task_closed", error.Error.Code);
        _ports.VerifyNothingSaved();
    }

    private UpdateTaskCommandHandler Handler(Actor actor) => new(_ports.ChangesFor(actor));
}
