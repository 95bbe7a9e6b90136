using FluentValidation.TestHelper;
using TaskOrchestration.Application.Tasks.Commands.CancelTask;
using TaskOrchestration.Application.Tasks.Commands.CompleteTask;
using TaskOrchestration.Application.Tasks.Commands.CreateTask;
using TaskOrchestration.Application.Tasks.Commands.FailTask;
using TaskOrchestration.Application.Tasks.Commands.TakeTask;
using TaskOrchestration.Application.Tasks.Commands.UpdateTask;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Application.Users.Commands.RegisterUser;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.UnitTests;

public sealed class ValidatorTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void CreateTask_NeedsATitle(string title) =>
        new CreateTaskCommandValidator().TestValidate(new CreateTaskCommand(title)).ShouldHaveValidationErrorFor(command => command.Title);

    [Fact]
    public void CreateTask_LimitsTitleDescriptionAndPriority()
    {
        var validator = new CreateTaskCommandValidator();

        validator.TestValidate(new CreateTaskCommand(new string('x', 200), new string('x', 10_000))).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new CreateTaskCommand(new string('x', 201))).ShouldHaveValidationErrorFor(command => command.Title);
        validator.TestValidate(new CreateTaskCommand("ok", new string('x', 10_001))).ShouldHaveValidationErrorFor(command => command.Description);
        validator.TestValidate(new CreateTaskCommand("ok", Priority: (TaskPriority)42)).ShouldHaveValidationErrorFor(command => command.Priority);
    }

    [Fact]
    public void UpdateTask_AcceptsOmittedFields_ButNotABlankTitleOrADueDateThatIsAlsoCleared()
    {
        var validator = new UpdateTaskCommandValidator();
        var id = Guid.NewGuid();

        validator.TestValidate(new UpdateTaskCommand(id)).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new UpdateTaskCommand(id, Title: " ")).ShouldHaveValidationErrorFor(command => command.Title);
        validator.TestValidate(new UpdateTaskCommand(id, DueDate: DateTimeOffset.UtcNow, ClearDueDate: true)).ShouldHaveValidationErrorFor(command => command.DueDate);
        validator.TestValidate(new UpdateTaskCommand(Guid.Empty)).ShouldHaveValidationErrorFor(command => command.TaskId);
    }

    [Fact]
    public void Transitions_NeedATaskId_AndBoundTheirTexts()
    {
        new TakeTaskCommandValidator().TestValidate(new TakeTaskCommand(Guid.Empty)).ShouldHaveValidationErrorFor(command => command.TaskId);
        new FailTaskCommandValidator().TestValidate(new FailTaskCommand(Guid.NewGuid(), "")).ShouldHaveValidationErrorFor(command => command.Reason);
        new FailTaskCommandValidator().TestValidate(new FailTaskCommand(Guid.NewGuid(), new string('x', 2_001))).ShouldHaveValidationErrorFor(command => command.Reason);
        new CompleteTaskCommandValidator().TestValidate(new CompleteTaskCommand(Guid.NewGuid(), new string('x', 10_001))).ShouldHaveValidationErrorFor(command => command.Result);
        new CancelTaskCommandValidator().TestValidate(new CancelTaskCommand(Guid.NewGuid(), new string('x', 2_001))).ShouldHaveValidationErrorFor(command => command.Reason);
        new CompleteTaskCommandValidator().TestValidate(new CompleteTaskCommand(Guid.NewGuid())).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0, 20, "Page")]
    [InlineData(10_001, 20, "Page")]
    [InlineData(1, 0, "PageSize")]
    [InlineData(1, 101, "PageSize")]
    public void ListTasks_BoundsThePaging(int page, int pageSize, string property) =>
        new ListTasksQueryValidator().TestValidate(new ListTasksQuery(Page: page, PageSize: pageSize)).ShouldHaveValidationErrorFor(property);

    [Fact]
    public void ListTasks_BoundsTheSearch_AndAcceptsTheDefaults()
    {
        new ListTasksQueryValidator().TestValidate(new ListTasksQuery()).ShouldNotHaveAnyValidationErrors();
        new ListTasksQueryValidator().TestValidate(new ListTasksQuery(Search: new string('x', 201))).ShouldHaveValidationErrorFor(query => query.Search);
    }

    [Theory]
    [InlineData("not-an-email", "long-enough-password", "Ada", "Email")]
    [InlineData("ada@example.com", "short", "Ada", "Password")]
    [InlineData("ada@example.com", "long-enough-password", " ", "DisplayName")]
    public void RegisterUser_ChecksEachField(string email, string password, string name, string property) =>
        new RegisterUserCommandValidator().TestValidate(new RegisterUserCommand(email, password, name)).ShouldHaveValidationErrorFor(property);
}
