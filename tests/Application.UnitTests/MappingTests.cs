using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.People;

namespace TaskOrchestration.Application.UnitTests;

public sealed class MappingTests
{
    [Fact]
    public void MappingConfiguration_IsValid()
    {
        TestMapper.Configuration.AssertConfigurationIsValid();
    }

    [Fact]
    public void TaskDto_AllowedActions_DependOnWhoAsks()
    {
        var task = TaskItem.Create("Title", "Details", TaskPriority.High, null, false, Alice, Now);
        task.Take(Bob, Now);

        var forOwner = TestMapper.Instance.ToTaskDto(task, Bob);
        var forCreator = TestMapper.Instance.ToTaskDto(task, Alice);

        Assert.Equal([TaskTrigger.Complete, TaskTrigger.Fail, TaskTrigger.Release], forOwner.AllowedActions);
        Assert.Equal([TaskTrigger.Cancel], forCreator.AllowedActions);
        Assert.Equal((task.Id, "Title", "Details", TaskItemStatus.Running, (Guid?)Bob.UserId), (forOwner.Id, forOwner.Title, forOwner.Description, forOwner.Status, forOwner.OwnerId));
    }
}
