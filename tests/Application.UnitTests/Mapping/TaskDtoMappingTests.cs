using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Mapping;

public sealed class TaskDtoMappingTests
{
    [Fact]
    public void AllowedActions_AreTheOwnersActions_WhenTheOwnerAsks()
    {
        var task = SomeTasks.Running(Alice, Bob);

        var dto = TestMapper.Instance.ToTaskDto(task, Bob);

        Assert.Equal([TaskTrigger.Complete, TaskTrigger.Fail, TaskTrigger.Release], dto.AllowedActions);
    }

    [Fact]
    public void AllowedActions_AreTheCreatorsActions_WhenTheCreatorAsks()
    {
        var task = SomeTasks.Running(Alice, Bob);

        var dto = TestMapper.Instance.ToTaskDto(task, Alice);

        Assert.Equal([TaskTrigger.Cancel], dto.AllowedActions);
    }

    [Fact]
    public void AllowedActions_AreEmpty_ForSomeoneWithNoPartInTheTask()
    {
        var task = SomeTasks.Running(Alice, Bob);

        Assert.Empty(TestMapper.Instance.ToTaskDto(task, Carol).AllowedActions);
    }

    [Fact]
    public void AllowedActions_AreEmpty_WhileTheTaskIsArchived()
    {
        var task = SomeTasks.Archived(Alice);

        Assert.Empty(TestMapper.Instance.ToTaskDto(task, Alice).AllowedActions);
    }

    [Fact]
    public void EveryField_IsCopied()
    {
        var teamId = Guid.NewGuid();
        var due = Now.AddDays(3);
        var task = TaskItem.Create("Title", "Details", TaskPriority.High, due, false, Alice, Now, teamId);
        task.Take(Bob, Now.AddMinutes(1));
        task.Fail(Bob, "It broke", Now.AddMinutes(2));

        var dto = TestMapper.Instance.ToTaskDto(task, Bob);

        Assert.Equal(
            (task.Id, "Title", "Details", TaskPriority.High, (DateTimeOffset?)due, TaskItemStatus.Failed, (Guid?)Bob.UserId, (Guid?)teamId),
            (dto.Id, dto.Title, dto.Description, dto.Priority, dto.DueDate, dto.Status, dto.OwnerId, dto.TeamId));
        Assert.Equal(
            (Alice.UserId, Now, Now.AddMinutes(2), (string?)null, (string?)"It broke", 1, (DateTimeOffset?)null, task.Version),
            (dto.CreatedBy, dto.CreatedAt, dto.UpdatedAt, dto.Result, dto.FailureReason, dto.AttemptCount, dto.ArchivedAt, dto.Version));
    }

    [Fact]
    public void EveryRunStateField_IsCopied_AsTheTasksOwn()
    {
        var runAfter = Now.AddMinutes(-1);
        var leaseUntil = Now.AddSeconds(30);
        var task = TaskItem.Create("Title", null, TaskPriority.High, null, false, Alice, Now.AddMinutes(-2), automation: new TaskAutomation("demo.title-parity", """{"n":1}""", 4, runAfter));
        task.StartRun("worker-1", leaseUntil, Now);

        var dto = TestMapper.Instance.ToTaskDto(task, Alice);

        Assert.Equal(
            ("demo.title-parity", 1, 4, (DateTimeOffset?)runAfter, "worker-1", (DateTimeOffset?)leaseUntil, false),
            (dto.Kind, dto.AttemptCount, dto.MaxAttempts, dto.RunAfter, dto.LeasedBy, dto.LeaseExpiresAt, dto.IsDead));
        Assert.Equal(1, dto.Input!.Value.GetProperty("n").GetInt32());
    }

    [Fact]
    public void AssigneeIds_AreTheAssignedPeople()
    {
        var task = SomeTasks.Pending(Alice);
        task.AssignTo([Bob.UserId, Carol.UserId], Maria, Now);

        var dto = TestMapper.Instance.ToTaskDto(task, Bob);

        Assert.Equal(new[] { Bob.UserId, Carol.UserId }.Order(), dto.AssigneeIds.Order());
    }
}
