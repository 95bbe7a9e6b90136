using FluentValidation.TestHelper;
using TaskOrchestration.Application.Tasks.Commands.CreateTask;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.UnitTests.Validators;

public sealed class CreateTaskCommandValidatorTests
{
    private readonly CreateTaskCommandValidator _validator = new();

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void AnEmptyOrBlankTitle_IsRefused(string title) =>
        _validator.TestValidate(new CreateTaskCommand(title)).ShouldHaveValidationErrorFor(command => command.Title);

    [Fact]
    public void ATitleOf201Characters_IsRefused_And200AreAccepted()
    {
        _validator.TestValidate(new CreateTaskCommand(new string('x', 201))).ShouldHaveValidationErrorFor(command => command.Title);
        _validator.TestValidate(new CreateTaskCommand(new string('x', 200))).ShouldNotHaveValidationErrorFor(command => command.Title);
    }

    [Fact]
    public void ADescriptionOf10001Characters_IsRefused_And10000AreAccepted()
    {
        _validator.TestValidate(new CreateTaskCommand("Title", new string('x', 10_001))).ShouldHaveValidationErrorFor(command => command.Description);
        _validator.TestValidate(new CreateTaskCommand("Title", new string('x', 10_000))).ShouldNotHaveValidationErrorFor(command => command.Description);
    }

    [Fact]
    public void AnUndefinedPriority_IsRefused() =>
        _validator.TestValidate(new CreateTaskCommand("Title", Priority: (TaskPriority)42)).ShouldHaveValidationErrorFor(command => command.Priority);

    [Fact]
    public void AFullCommand_IsValid() =>
        _validator.TestValidate(new CreateTaskCommand("Title", "Details", TaskPriority.Critical, DateTimeOffset.UtcNow, Draft: true, TeamId: Guid.NewGuid()))
            .ShouldNotHaveAnyValidationErrors();
}
