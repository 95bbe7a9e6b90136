using FluentValidation.TestHelper;
using TaskOrchestration.Application.Tasks.Queries.GetTask;
using TaskOrchestration.Application.Tasks.Queries.GetTaskHistory;
using TaskOrchestration.Application.Tasks.Queries.ListTasks;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.UnitTests.Validators;

public sealed class TaskQueryValidatorTests
{
    private readonly ListTasksQueryValidator _list = new();

    [Fact]
    public void ListTasks_TheDefaults_AreValid() =>
        _list.TestValidate(new ListTasksQuery()).ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    public void ListTasks_APageOutsideOneTo10000_IsRefused(int page) =>
        _list.TestValidate(new ListTasksQuery(Page: page)).ShouldHaveValidationErrorFor(query => query.Page);

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void ListTasks_APageSizeOutsideOneTo100_IsRefused(int pageSize) =>
        _list.TestValidate(new ListTasksQuery(PageSize: pageSize)).ShouldHaveValidationErrorFor(query => query.PageSize);

    [Fact]
    public void ListTasks_TheLimitsThemselves_AreValid() =>
        _list.TestValidate(new ListTasksQuery(Search: new string('x', 200), Page: 10_000, PageSize: 100)).ShouldNotHaveAnyValidationErrors();

    [Fact]
    public void ListTasks_ASearchOf201Characters_IsRefused() =>
        _list.TestValidate(new ListTasksQuery(Search: new string('x', 201))).ShouldHaveValidationErrorFor(query => query.Search);

    [Fact]
    public void ListTasks_UndefinedEnumValues_AreRefused()
    {
        var result = _list.TestValidate(new ListTasksQuery(
            Status: [TaskItemStatus.Pending, (TaskItemStatus)42],
            Priority: [(TaskPriority)42],
            SortBy: (TaskSortField)42,
            SortDirection: (SortDirection)42));

        result.ShouldHaveValidationErrorFor("Status[1]");
        result.ShouldHaveValidationErrorFor("Priority[0]");
        result.ShouldHaveValidationErrorFor(query => query.SortBy);
        result.ShouldHaveValidationErrorFor(query => query.SortDirection);
        result.ShouldNotHaveValidationErrorFor("Status[0]");
    }

    [Fact]
    public void GetTask_NeedsAnId()
    {
        new GetTaskQueryValidator().TestValidate(new GetTaskQuery(Guid.Empty)).ShouldHaveValidationErrorFor(query => query.TaskId);
        new GetTaskQueryValidator().TestValidate(new GetTaskQuery(Guid.NewGuid())).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void GetTaskHistory_NeedsAnId_AndBoundsThePaging()
    {
        var validator = new GetTaskHistoryQueryValidator();

        validator.TestValidate(new GetTaskHistoryQuery(Guid.NewGuid())).ShouldNotHaveAnyValidationErrors();
        validator.TestValidate(new GetTaskHistoryQuery(Guid.Empty)).ShouldHaveValidationErrorFor(query => query.TaskId);
        validator.TestValidate(new GetTaskHistoryQuery(Guid.NewGuid(), Page: 0)).ShouldHaveValidationErrorFor(query => query.Page);
        validator.TestValidate(new GetTaskHistoryQuery(Guid.NewGuid(), PageSize: 101)).ShouldHaveValidationErrorFor(query => query.PageSize);
    }
}
