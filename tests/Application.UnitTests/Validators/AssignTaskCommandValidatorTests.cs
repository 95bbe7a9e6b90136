using FluentValidation.TestHelper;
using TaskOrchestration.Application.Tasks.Commands.AssignTask;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.UnitTests.Validators;

public sealed class AssignTaskCommandValidatorTests
{
    private static readonly Guid TaskId = Guid.NewGuid();
    private readonly AssignTaskCommandValidator _validator = new();

    [Fact]
    public void ASet_OrOnePersonToAddOrRemove_IsValid()
    {
        _validator.TestValidate(new AssignTaskCommand(TaskId, Set: [Guid.NewGuid()])).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(new AssignTaskCommand(TaskId, Set: [])).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(new AssignTaskCommand(TaskId, Add: Guid.NewGuid())).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(new AssignTaskCommand(TaskId, Remove: Guid.NewGuid())).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void NoneOrMoreThanOneOfSetAddRemove_IsRefused()
    {
        Assert.False(_validator.TestValidate(new AssignTaskCommand(TaskId)).IsValid);
        Assert.False(_validator.TestValidate(new AssignTaskCommand(TaskId, Set: [], Add: Guid.NewGuid())).IsValid);
        Assert.False(_validator.TestValidate(new AssignTaskCommand(TaskId, Add: Guid.NewGuid(), Remove: Guid.NewGuid())).IsValid);
    }

    [Fact]
    public void ASetOfMoreThanTheMaximum_IsRefused()
    {
        var tooMany = Enumerable.Range(0, TaskItem.MaxAssignees + 1).Select(_ => Guid.NewGuid()).ToList();

        _validator.TestValidate(new AssignTaskCommand(TaskId, Set: tooMany)).ShouldHaveValidationErrorFor("userIds");
    }

    [Fact]
    public void AnEmptyIdInTheSet_IsRefused() =>
        Assert.False(_validator.TestValidate(new AssignTaskCommand(TaskId, Set: [Guid.Empty])).IsValid);

    [Fact]
    public void AnEmptyTaskId_IsRefused() =>
        _validator.TestValidate(new AssignTaskCommand(Guid.Empty, Add: Guid.NewGuid())).ShouldHaveValidationErrorFor(command => command.TaskId);
}
