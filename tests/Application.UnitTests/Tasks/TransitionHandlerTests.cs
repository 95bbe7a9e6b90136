using Moq;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Tasks;

/// <summary>Every handler that changes an existing task, through <see cref="TransitionCases"/>.</summary>
public sealed class TransitionHandlerTests
{
    private readonly TaskPorts _ports = new();

    [Fact]
    public void EveryTaskChangingCommand_HasACase()
    {
        var commands = typeof(TaskOrchestration.Application.Tasks.TaskChanges).Assembly.GetTypes()
            .Where(type => type.Namespace?.StartsWith("TaskOrchestration.Application.Tasks.Commands.", StringComparison.Ordinal) == true
                && type.Name.EndsWith("TaskCommand", StringComparison.Ordinal) && type.Name != "CreateTaskCommand")
            .Select(type => type.Name[..^"TaskCommand".Length]);

        Assert.Equal(commands.Order(StringComparer.Ordinal), TransitionCases.All.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TransitionCases.Names), MemberType = typeof(TransitionCases))]
    public async Task AnUnknownTask_IsNotFound_AndNothingIsSaved(string command)
    {
        var @case = TransitionCases.All[command];

        var error = await Assert.ThrowsAsync<NotFoundException>(() => @case.Send(_ports.ChangesFor(@case.Actor), Guid.NewGuid(), null));

        Assert.Equal("Task", error.Resource);
        _ports.VerifyNothingSaved();
    }

    [Theory]
    [MemberData(nameof(TransitionCases.Names), MemberType = typeof(TransitionCases))]
    public async Task AStaleExpectedVersion_FailsThePrecondition_WithTheCurrentVersion_AndChangesNothing(string command)
    {
        var @case = TransitionCases.All[command];
        var task = _ports.Store(@case.Arrange());
        var before = TaskSnapshot.Of(task);

        var error = await Assert.ThrowsAsync<PreconditionFailedException>(() => @case.Send(_ports.ChangesFor(@case.Actor), task.Id, 41));

        Assert.Equal(0u, error.CurrentVersion);
        Assert.Equal(before, TaskSnapshot.Of(task));
        _ports.VerifyNothingSaved();
    }

    [Theory]
    [MemberData(nameof(TransitionCases.Names), MemberType = typeof(TransitionCases))]
    public async Task ADomainRefusal_ReachesTheCaller_AndChangesAndSavesNothing(string command)
    {
        var @case = TransitionCases.All[command];
        var task = _ports.Store(@case.ArrangeRefused());
        var before = TaskSnapshot.Of(task);

        var error = await Assert.ThrowsAsync<DomainException>(() => @case.Send(_ports.ChangesFor(@case.RefusedActor), task.Id, null));

        Assert.Equal(@case.RefusalCode, error.Error.Code);
        Assert.Equal(before, TaskSnapshot.Of(task));
        _ports.VerifyNothingSaved();
    }

    [Theory]
    [MemberData(nameof(TransitionCases.Names), MemberType = typeof(TransitionCases))]
    public async Task TheCurrentVersion_AppliesTheChangeBeforeSavingOnce_AndTheAnswerShowsIt(string command)
    {
        var @case = TransitionCases.All[command];
        var task = _ports.Store(@case.Arrange());
        var before = TaskSnapshot.Of(task);
        TaskSnapshot? atSave = null;
        _ports.UnitOfWork.Setup(unitOfWork => unitOfWork.SaveChangesAsync(It.IsAny<CancellationToken>())).Callback(() => atSave = TaskSnapshot.Of(task));
        _ports.Clock.Advance(TimeSpan.FromMinutes(5));

        var dto = await @case.Send(_ports.ChangesFor(@case.Actor), task.Id, task.Version);

        _ports.VerifySavedOnce();
        Assert.NotEqual(before, atSave);
        Assert.Equal(TaskSnapshot.Of(task), atSave);
        Assert.Equal((task.Id, Now.AddMinutes(5), task.Status), (dto.Id, dto.UpdatedAt, dto.Status));
        @case.Expect(dto);
    }

    [Theory]
    [MemberData(nameof(TransitionCases.Names), MemberType = typeof(TransitionCases))]
    public async Task WithoutAnExpectedVersion_TheChangeIsUnconditional(string command)
    {
        var @case = TransitionCases.All[command];
        var task = _ports.Store(@case.Arrange());

        @case.Expect(await @case.Send(_ports.ChangesFor(@case.Actor), task.Id, null));

        _ports.VerifySavedOnce();
    }

    [Theory]
    [MemberData(nameof(TransitionCases.Names), MemberType = typeof(TransitionCases))]
    public async Task AnAnonymousCaller_IsUnauthorized_AndNothingIsSaved(string command)
    {
        var @case = TransitionCases.All[command];
        var task = _ports.Store(@case.Arrange());

        await Assert.ThrowsAsync<UnauthorizedException>(() => @case.Send(_ports.ChangesFor(null), task.Id, null));

        _ports.VerifyNothingSaved();
    }

    [Theory]
    [MemberData(nameof(TransitionCases.ForCreatorOrManager), MemberType = typeof(TransitionCases))]
    public async Task AManager_MayDoWhatTheCreatorMay(string command)
    {
        var @case = TransitionCases.All[command];
        var task = _ports.Store(@case.Arrange());

        @case.Expect(await @case.Send(_ports.ChangesFor(Maria), task.Id, null));
    }
}
