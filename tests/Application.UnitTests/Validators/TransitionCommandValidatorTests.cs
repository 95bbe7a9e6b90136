using FluentValidation.Results;
using FluentValidation.TestHelper;
using TaskOrchestration.Application.Tasks.Commands.ArchiveTask;
using TaskOrchestration.Application.Tasks.Commands.CancelTask;
using TaskOrchestration.Application.Tasks.Commands.CompleteTask;
using TaskOrchestration.Application.Tasks.Commands.FailTask;
using TaskOrchestration.Application.Tasks.Commands.PublishTask;
using TaskOrchestration.Application.Tasks.Commands.ReleaseTask;
using TaskOrchestration.Application.Tasks.Commands.RetryTask;
using TaskOrchestration.Application.Tasks.Commands.TakeTask;
using TaskOrchestration.Application.Tasks.Commands.UnarchiveTask;

namespace TaskOrchestration.Application.UnitTests.Validators;

public sealed class TransitionCommandValidatorTests
{
    private static readonly Dictionary<string, Func<Guid, ValidationResult>> ValidateWithId = new(StringComparer.Ordinal)
    {
        ["Take"] = id => new TakeTaskCommandValidator().TestValidate(new TakeTaskCommand(id)),
        ["Complete"] = id => new CompleteTaskCommandValidator().TestValidate(new CompleteTaskCommand(id)),
        ["Fail"] = id => new FailTaskCommandValidator().TestValidate(new FailTaskCommand(id, "The disk is full")),
        ["Release"] = id => new ReleaseTaskCommandValidator().TestValidate(new ReleaseTaskCommand(id)),
        ["Retry"] = id => new RetryTaskCommandValidator().TestValidate(new RetryTaskCommand(id)),
        ["Cancel"] = id => new CancelTaskCommandValidator().TestValidate(new CancelTaskCommand(id)),
        ["Publish"] = id => new PublishTaskCommandValidator().TestValidate(new PublishTaskCommand(id)),
        ["Archive"] = id => new ArchiveTaskCommandValidator().TestValidate(new ArchiveTaskCommand(id)),
        ["Unarchive"] = id => new UnarchiveTaskCommandValidator().TestValidate(new UnarchiveTaskCommand(id)),
    };

    public static TheoryData<string> Commands => new(ValidateWithId.Keys);

    [Theory]
    [MemberData(nameof(Commands))]
    public void AnEmptyTaskId_IsRefused(string command) =>
        Assert.Equal(["TaskId"], ValidateWithId[command](Guid.Empty).Errors.Select(error => error.PropertyName));

    [Theory]
    [MemberData(nameof(Commands))]
    public void ATaskId_WithTheOptionalFieldsLeftOut_IsValid(string command) =>
        Assert.True(ValidateWithId[command](Guid.NewGuid()).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Fail_RequiresAReason(string reason) =>
        new FailTaskCommandValidator().TestValidate(new FailTaskCommand(Guid.NewGuid(), reason)).ShouldHaveValidationErrorFor(command => command.Reason);

    [Fact]
    public void Fail_LimitsTheReasonTo2000Characters()
    {
        var validator = new FailTaskCommandValidator();

        validator.TestValidate(new FailTaskCommand(Guid.NewGuid(), new string('x', 2_001))).ShouldHaveValidationErrorFor(command => command.Reason);
        validator.TestValidate(new FailTaskCommand(Guid.NewGuid(), new string('x', 2_000))).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Cancel_LimitsTheOptionalReasonTo2000Characters() =>
        new CancelTaskCommandValidator().TestValidate(new CancelTaskCommand(Guid.NewGuid(), new string('x', 2_001)))
            .ShouldHaveValidationErrorFor(command => command.Reason);

    [Fact]
    public void Complete_LimitsTheOptionalResultTo10000Characters()
    {
        var validator = new CompleteTaskCommandValidator();

        validator.TestValidate(new CompleteTaskCommand(Guid.NewGuid(), new string('x', 10_001))).ShouldHaveValidationErrorFor(command => command.Result);
        validator.TestValidate(new CompleteTaskCommand(Guid.NewGuid(), new string('x', 10_000))).ShouldNotHaveAnyValidationErrors();
    }
}
