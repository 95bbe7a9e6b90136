using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Tasks;

/// <summary>The one path every change of an existing task takes: load if visible, check the version, change, commit, answer.</summary>
public sealed class TaskChangesTests
{
    private readonly TaskPorts _ports = new();

    [Fact]
    public async Task TheChange_GetsTheTaskTheActorAndTheClocksTime()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice));
        _ports.Clock.Advance(TimeSpan.FromHours(2));
        (TaskItem Task, Actor Actor, DateTimeOffset Now)? seen = null;

        await _ports.ChangesFor(Bob).ApplyAsync(task.Id, null, (changed, actor, now) => seen = (changed, actor, now), CancellationToken.None);

        Assert.Equal((task, Bob, Now.AddHours(2)), seen);
        _ports.VerifySavedOnce();
    }

    [Fact]
    public async Task AStaleVersion_IsRefused_BeforeTheChangeRuns()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice));
        var changeRan = false;

        var error = await Assert.ThrowsAsync<PreconditionFailedException>(() =>
            _ports.ChangesFor(Bob).ApplyAsync(task.Id, 7, (_, _, _) => changeRan = true, CancellationToken.None));

        Assert.Equal(0u, error.CurrentVersion);
        Assert.False(changeRan);
        _ports.VerifyNothingSaved();
    }

    [Fact]
    public async Task AnAnonymousCaller_IsUnauthorized_BeforeAnythingIsLoaded()
    {
        await Assert.ThrowsAsync<UnauthorizedException>(() =>
            _ports.ChangesFor(null).ApplyAsync(Guid.NewGuid(), null, (_, _, _) => { }, CancellationToken.None));

        _ports.Tasks.VerifyNoOtherCalls();
        _ports.VerifyNothingSaved();
    }

    [Fact]
    public async Task ATaskOfATeamTheActorIsNotIn_IsNotFound()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice, teamId: Guid.NewGuid()));
        var changeRan = false;

        await Assert.ThrowsAsync<NotFoundException>(() =>
            _ports.ChangesFor(Bob).ApplyAsync(task.Id, null, (_, _, _) => changeRan = true, CancellationToken.None));

        Assert.False(changeRan);
        _ports.VerifyNothingSaved();
    }

    [Fact]
    public async Task ATaskOfATeam_IsChangedByItsMembersAndByManagers()
    {
        var teamId = Guid.NewGuid();
        var task = _ports.Store(SomeTasks.Pending(Alice, teamId));
        _ports.MemberOf(Bob, teamId);

        await _ports.ChangesFor(Bob).ApplyAsync(task.Id, null, (_, _, _) => { }, CancellationToken.None);
        await _ports.ChangesFor(Maria).ApplyAsync(task.Id, null, (_, _, _) => { }, CancellationToken.None);

        _ports.UnitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public async Task TheCancellationToken_ReachesTheRepositoryAndTheCommit()
    {
        using var cancellation = new CancellationTokenSource();
        var task = _ports.Store(SomeTasks.Pending(Alice));

        await _ports.ChangesFor(Bob).ApplyAsync(task.Id, null, (_, _, _) => { }, cancellation.Token);

        _ports.Tasks.Verify(repository => repository.FindAsync(task.Id, cancellation.Token), Times.Once);
        _ports.UnitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(cancellation.Token), Times.Once);
    }

    [Fact]
    public async Task ALostRace_WithoutAnExpectedVersion_IsAppliedAgainToTheFreshState()
    {
        var stale = SomeTasks.Pending(Alice);
        var fresh = SomeTasks.Pending(Alice);
        _ports.Tasks.SetupSequence(repository => repository.FindAsync(stale.Id, It.IsAny<CancellationToken>())).ReturnsAsync(stale).ReturnsAsync(fresh);
        _ports.UnitOfWork.SetupSequence(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(ConflictException.Concurrency())
            .Returns(Task.CompletedTask);
        var changed = new List<TaskItem>();

        await _ports.ChangesFor(Bob).ApplyAsync(stale.Id, null, (task, _, _) => changed.Add(task), CancellationToken.None);

        Assert.Equal([stale, fresh], changed);
        _ports.UnitOfWork.Verify(unitOfWork => unitOfWork.DiscardChanges(), Times.Once);
    }

    [Fact]
    public async Task ALostRace_WithAnExpectedVersion_IsTheCallersConflict()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice));
        _ports.UnitOfWork.Setup(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(ConflictException.Concurrency());

        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            _ports.ChangesFor(Bob).ApplyAsync(task.Id, task.Version, (_, _, _) => { }, CancellationToken.None));

        Assert.Equal(ConflictException.ConcurrencyCode, error.Code);
        _ports.VerifySavedOnce();
    }

    [Fact]
    public async Task ATaskThatKeepsChanging_GivesUpAfterTheLastAttempt()
    {
        var task = _ports.Store(SomeTasks.Pending(Alice));
        _ports.UnitOfWork.Setup(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(ConflictException.Concurrency());

        await Assert.ThrowsAsync<ConflictException>(() => _ports.ChangesFor(Bob).ApplyAsync(task.Id, null, (_, _, _) => { }, CancellationToken.None));

        _ports.UnitOfWork.Verify(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(TaskChanges.AttemptsWithoutExpectedVersion));
    }
}
