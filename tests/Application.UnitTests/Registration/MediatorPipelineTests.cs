using AutoMapper;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using TaskOrchestration.Application.Common.DatabaseFailures;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Idempotency;
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

    [Fact]
    public async Task ACommandWithAKey_WhoseClaimFailedForAMoment_ClaimsItAgain_InANewAttempt()
    {
        // The retry runs around the idempotency claim: each attempt claims the key in a transaction of its own, so a
        // retry after a lost commit finds the first attempt's record and answers it.
        var claims = 0;
        var store = new Mock<IIdempotencyStore>();
        store.Setup(s => s.RunOnceAsync(It.IsAny<IdempotencyClaim>(), It.IsAny<Func<Task<string>>>(), It.IsAny<CancellationToken>()))
            .Returns(async (IdempotencyClaim claim, Func<Task<string>> run, CancellationToken _) =>
                ++claims == 1 ? throw new IOException("server went away") : new IdempotencyRecord(Replayed: false, claim.RequestFingerprint, await run()));
        var failures = new Mock<IDatabaseFailureClassifier>();
        failures.Setup(classifier => classifier.Classify(It.IsAny<IOException>())).Returns(DatabaseFailureKind.Transient);
        await using var services = ApplicationServices.Build(idempotencyStore: store.Object, databaseFailures: failures.Object);
        await using var scope = services.CreateAsyncScope();

        var dto = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateTaskCommand("Write the notes", IdempotencyKey: "key-1"));

        Assert.Equal("Write the notes", dto.Title);
        Assert.Equal(2, claims);
    }
}
