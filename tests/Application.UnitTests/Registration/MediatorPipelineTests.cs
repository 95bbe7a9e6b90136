using AutoMapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Tasks.Commands.CreateTask;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Registration;

public sealed class MediatorPipelineTests
{
    [Fact]
    public async Task AddApplication_ResolvesTheMediatorAndTheMapper()
    {
        await using var services = ApplicationServices.Build();
        await using var scope = services.CreateAsyncScope();

        Assert.IsType<Mediator>(scope.ServiceProvider.GetRequiredService<IMediator>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<IMapper>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public async Task AnInvalidCommand_IsRefusedByTheValidationBehaviour_BeforeTheHandlerRuns()
    {
        var tasks = new Mock<ITaskRepository>();
        var unitOfWork = new Mock<IUnitOfWork>();
        await using var services = ApplicationServices.Build(tasks: tasks.Object, unitOfWork: unitOfWork.Object);
        await using var scope = services.CreateAsyncScope();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateTaskCommand("")));

        Assert.Equal(["title"], error.Errors.Keys);
        tasks.VerifyNoOtherCalls();
        unitOfWork.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task AValidCommand_ReachesItsHandler()
    {
        var tasks = new Mock<ITaskRepository>();
        var unitOfWork = new Mock<IUnitOfWork>();
        await using var services = ApplicationServices.Build(tasks: tasks.Object, unitOfWork: unitOfWork.Object);
        await using var scope = services.CreateAsyncScope();

        var dto = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateTaskCommand("Write the notes"));

        Assert.Equal(("Write the notes", TaskItemStatus.Pending, Alice.UserId), (dto.Title, dto.Status, dto.CreatedBy));
        tasks.Verify(repository => repository.Add(It.Is<TaskItem>(task => task.Id == dto.Id)), Times.Once);
        unitOfWork.Verify(work => work.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once);
    }
}
