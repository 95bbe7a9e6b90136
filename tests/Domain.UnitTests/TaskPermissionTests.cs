using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Domain.UnitTests.TaskBuilder;

namespace TaskOrchestration.Domain.UnitTests;

public sealed class TaskPermissionTests
{
    public static readonly TheoryData<TaskTrigger> OwnerOnly = new() { TaskTrigger.Complete, TaskTrigger.Fail, TaskTrigger.Release };

    [Theory]
    [MemberData(nameof(OwnerOnly))]
    public void OwnerOnlyTrigger_BySomeoneElse_IsForbidden_EvenForAnAdmin(TaskTrigger trigger)
    {
        foreach (var intruder in new[] { Creator, Stranger, Manager, Admin })
        {
            var task = InStatus(TaskItemStatus.Running);

            var error = Assert.Throws<DomainException>(() => Fire(task, trigger, intruder, Later)).Error;

            Assert.Equal(("not_owner", ErrorKind.Forbidden), (error.Code, error.Kind));
            Assert.Equal((TaskItemStatus.Running, Owner.UserId, 1), (task.Status, task.OwnerId.GetValueOrDefault(), task.History.Count));
        }
    }

    [Theory]
    [InlineData(TaskItemStatus.Draft, TaskTrigger.Publish)]
    [InlineData(TaskItemStatus.Draft, TaskTrigger.Cancel)]
    [InlineData(TaskItemStatus.Pending, TaskTrigger.Cancel)]
    [InlineData(TaskItemStatus.Running, TaskTrigger.Cancel)]
    [InlineData(TaskItemStatus.Failed, TaskTrigger.Retry)]
    public void CreatorOrManagerTrigger_ByAnotherMember_IsForbidden(TaskItemStatus status, TaskTrigger trigger)
    {
        foreach (var member in new[] { Stranger, Owner })
        {
            var task = InStatus(status);

            var error = Assert.Throws<DomainException>(() => Fire(task, trigger, member, Later)).Error;

            Assert.Equal(("not_creator_or_manager", ErrorKind.Forbidden), (error.Code, error.Kind));
            Assert.Equal(status, task.Status);
        }
    }

    [Theory]
    [InlineData(TaskItemStatus.Draft, TaskTrigger.Publish)]
    [InlineData(TaskItemStatus.Pending, TaskTrigger.Cancel)]
    [InlineData(TaskItemStatus.Running, TaskTrigger.Cancel)]
    [InlineData(TaskItemStatus.Failed, TaskTrigger.Retry)]
    public void CreatorOrManagerTrigger_ByTheCreatorAManagerOrAnAdmin_Succeeds(TaskItemStatus status, TaskTrigger trigger)
    {
        foreach (var actor in new[] { Creator, Manager, Admin })
        {
            var task = InStatus(status);

            Fire(task, trigger, actor, Later);

            Assert.NotEqual(status, task.Status);
        }
    }

    [Fact]
    public void Update_ByAnotherMember_IsForbidden_AndChangesNothing()
    {
        var task = InStatus(TaskItemStatus.Pending);

        var error = Assert.Throws<DomainException>(() => task.Update("Renamed", null, null, null, false, Stranger, Later)).Error;

        Assert.Equal("not_creator_or_manager", error.Code);
        Assert.Equal("Write the release notes", task.Title);
    }

    [Fact]
    public void Update_ByAManager_Succeeds()
    {
        var task = InStatus(TaskItemStatus.Pending);

        task.Update("Renamed", null, null, null, false, Manager, Later);

        Assert.Equal("Renamed", task.Title);
    }
}
