using System.Text.Json;
using FluentValidation.TestHelper;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Application.Tasks.Commands.CreateTask;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.UnitTests.Validators;

public sealed class CreateTaskCommandValidatorTests
{
    private readonly CreateTaskCommandValidator _validator = new(new TaskKinds([new DemoHandler()]));

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

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

    [Theory]
    [InlineData("manual")]
    [InlineData("demo.registered")]
    public void AKindWithAHandler_OrManual_IsAccepted(string kind) =>
        _validator.TestValidate(new CreateTaskCommand("Title", Kind: kind)).ShouldNotHaveValidationErrorFor(command => command.Kind);

    [Theory]
    [InlineData("demo.unknown")]
    [InlineData("Not A Kind")]
    [InlineData("")]
    public void AKindNoHandlerServes_IsRefused_NamingTheKinds(string kind) =>
        _validator.TestValidate(new CreateTaskCommand("Title", Kind: kind))
            .ShouldHaveValidationErrorFor(command => command.Kind)
            .WithErrorMessage("No handler serves this kind; the kinds are: manual, demo.registered.");

    [Fact]
    public void AnAutomatedTask_TakesInputAttemptsAndRunAfter_WithinTheirLimits()
    {
        _validator.TestValidate(new CreateTaskCommand("Title", Kind: "demo.registered", Input: Json("""{"a":1}"""), MaxAttempts: 100, RunAfter: DateTimeOffset.UtcNow))
            .ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(new CreateTaskCommand("Title", Kind: "demo.registered", MaxAttempts: 0)).ShouldHaveValidationErrorFor(command => command.MaxAttempts);
        _validator.TestValidate(new CreateTaskCommand("Title", Kind: "demo.registered", MaxAttempts: 101)).ShouldHaveValidationErrorFor(command => command.MaxAttempts);
        _validator.TestValidate(new CreateTaskCommand("Title", Kind: "demo.registered", Input: Json($"\"{new string('x', 64 * 1024)}\"")))
            .ShouldHaveValidationErrorFor(command => command.Input);
    }

    [Fact]
    public void AManualTask_RefusesInputAttemptsAndRunAfter()
    {
        var result = _validator.TestValidate(new CreateTaskCommand("Title", Input: Json("{}"), MaxAttempts: 2, RunAfter: DateTimeOffset.UtcNow));

        result.ShouldHaveValidationErrorFor(command => command.Input);
        result.ShouldHaveValidationErrorFor(command => command.MaxAttempts);
        result.ShouldHaveValidationErrorFor(command => command.RunAfter);
    }

    [Fact]
    public void AnAutomatedTasksInput_IsCheckedByTheHandlerOfItsKind_KeyedBelowInput_WithTheHandlersCode()
    {
        var result = _validator.TestValidate(new CreateTaskCommand("Title", Kind: "demo.registered", Input: Json("""{"url":"refuse me"}""")));

        result.ShouldHaveValidationErrorFor("Input.url").WithErrorMessage("Not this one.").WithErrorCode("demo_refused");
    }

    [Fact]
    public void AHandlerWithoutAnInputCheck_AcceptsAnyInput()
    {
        var validator = new CreateTaskCommandValidator(new TaskKinds([new UncheckingHandler()]));

        validator.TestValidate(new CreateTaskCommand("Title", Kind: "demo.unchecked", Input: Json("""{"url":"refuse me"}"""))).ShouldNotHaveAnyValidationErrors();
    }

    private sealed class DemoHandler : ITaskHandler
    {
        public string Kind => "demo.registered";

        public Task<TaskHandlerResult> HandleAsync(TaskRun run, CancellationToken cancellationToken) => Task.FromResult(TaskHandlerResult.Success());

        public IReadOnlyList<TaskInputProblem> CheckInput(JsonElement? input) =>
            input is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("url", out var url) && url.GetString() == "refuse me"
                ? [new TaskInputProblem(".url", "Not this one.", "demo_refused")]
                : [];
    }

    private sealed class UncheckingHandler : ITaskHandler
    {
        public string Kind => "demo.unchecked";

        public Task<TaskHandlerResult> HandleAsync(TaskRun run, CancellationToken cancellationToken) => Task.FromResult(TaskHandlerResult.Success());
    }
}
