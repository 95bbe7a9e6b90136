using TaskOrchestration.Application.Tasks;
using TaskOrchestration.Application.UnitTests.Support;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Mapping;

public sealed class HistoryMappingTests
{
    [Fact]
    public void ATransition_KeepsFromToTriggerActorAndReason()
    {
        var task = SomeTasks.Pending(Alice);
        task.Cancel(Alice, "Not needed", Now.AddHours(1));

        var dto = TestMapper.Instance.Map<TaskHistoryEntryDto>(Assert.Single(task.History));

        Assert.Equal(
            (TaskHistoryKind.Transitioned, (TaskItemStatus?)TaskItemStatus.Pending,
                (TaskItemStatus?)TaskItemStatus.Cancelled, (TaskTrigger?)TaskTrigger.Cancel),
            (dto.Kind, dto.From, dto.To, dto.Trigger));
        Assert.Equal((Alice.UserId, Now.AddHours(1), "Not needed"), (dto.ActorId, dto.OccurredAt, dto.Reason));
        Assert.Empty(dto.Changes);
    }

    [Fact]
    public void AnEdit_KeepsEachFieldsOldAndNewValue()
    {
        var task = SomeTasks.Pending(Alice);
        task.Update("Renamed", null, TaskPriority.Critical, null, false, Alice, Now);

        var dto = TestMapper.Instance.Map<TaskHistoryEntryDto>(Assert.Single(task.History));

        Assert.Equal(TaskHistoryKind.Edited, dto.Kind);
        Assert.Equal(
            [("title", "Write the notes", "Renamed"), ("priority", "normal", "critical")],
            dto.Changes.Select(change => (change.Field, change.OldValue, change.NewValue)));
    }
}
