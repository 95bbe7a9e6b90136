using FluentValidation.TestHelper;
using TaskOrchestration.Application.Tasks.Commands.UpdateTask;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.UnitTests.Validators;

public sealed class UpdateTaskCommandValidatorTests
{
    private static readonly Guid TaskId = Guid.NewGuid();
    private readonly UpdateTaskCommandValidator _validator = new();

    [Fact]
    public void OmittedFields_AreValid() =>
        _validator.TestValidate(new UpdateTaskCommand(TaskId)).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void AnEmptyTaskId_IsRefused() =>
        _validator.TestValidate(new UpdateTaskCommand(Guid.Empty)).ShouldHaveValidationErrorFor(command => command.TaskId);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AGivenButBlankTitle_IsRefused(string title) =>
        _validator.TestValidate(new UpdateTaskCommand(TaskId, Title: title)).ShouldHaveValidationErrorFor(command => command.Title);

    [Fact]
    public void ATitleOf201Characters_IsRefused() =>
        _validator.TestValidate(new UpdateTaskCommand(TaskId, Title: new string('x', 201))).ShouldHaveValidationErrorFor(command => command.Title);

    [Fact]
    public void ADescriptionOf10001Characters_IsRefused() =>
        _validator.TestValidate(new UpdateTaskCommand(TaskId, Description: new string('x', 10_001)))
            .ShouldHaveValidationErrorFor(command => command.Description);

    [Fact]
    public void AnUndefinedPriority_IsRefused() =>
        _validator.TestValidate(new UpdateTaskCommand(TaskId, Priority: (TaskPriority)42)).ShouldHaveValidationErrorFor(command => command.Priority);

    [Fact]
    public void ADueDateTogetherWithClearDueDate_IsRefused() =>
        _validator.TestValidate(new UpdateTaskCommand(TaskId, DueDate: DateTimeOffset.UtcNow, ClearDueDate: true))
            .ShouldHaveValidationErrorFor(command => command.DueDate)
            .WithErrorMessage("Give a due date or clear it, not both.");

    [Fact]
    public void ADueDateOrClearDueDate_AloneAreValid()
    {
        _validator.TestValidate(new UpdateTaskCommand(TaskId, DueDate: DateTimeOffset.UtcNow)).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(new UpdateTaskCommand(TaskId, ClearDueDate: true)).ShouldNotHaveAnyValidationErrors();
    }
}
