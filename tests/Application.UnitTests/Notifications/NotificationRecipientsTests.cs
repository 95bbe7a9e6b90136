using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.UnitTests.Notifications;

/// <summary>Who is told of what: the people involved in the task, never the actor, no system user, nobody deactivated.</summary>
public sealed class NotificationRecipientsTests
{
    private static readonly Guid Creator = Guid.NewGuid();
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Assignee = Guid.NewGuid();
    private static readonly Guid Manager = Guid.NewGuid();

    public static TheoryData<EventType> EveryTypeButCreated => new(Enum.GetValues<EventType>().Where(type => type is not EventType.TaskCreated and not EventType.DailySummary));

    [Theory]
    [MemberData(nameof(EveryTypeButCreated))]
    public void OnAManualTask_TheOwnerCreatorAndAssignees_AreTold_ButNotTheActor(EventType type)
    {
        var task = Manual(Owner, Assignee);

        Assert.Equal([Owner, Creator, Assignee], NotificationRecipients.For(type, Manager, task, Active));
        Assert.Equal([Creator, Assignee], NotificationRecipients.For(type, Owner, task, Active));
        Assert.Equal([Owner, Assignee], NotificationRecipients.For(type, Creator, task, Active));
    }

    [Fact]
    public void APersonWithSeveralParts_IsToldOnce()
    {
        var task = CreatedBy(Creator, owner: Creator, Assignee);

        Assert.Equal([Creator, Assignee], NotificationRecipients.For(EventType.TaskUpdated, Manager, task, Active));
    }

    [Fact]
    public void ANewTask_TellsNobody() =>
        Assert.Empty(NotificationRecipients.For(EventType.TaskCreated, Manager, Manual(Owner, Assignee), Active));

    [Fact]
    public void DeactivatedPeople_AreToldNothing() =>
        Assert.Equal([Owner], NotificationRecipients.For(EventType.TaskUpdated, Manager, Manual(Owner, Assignee), userId => userId == Owner));

    [Fact]
    public void SystemUsers_AreToldNothing()
    {
        var createdByTheScheduler = new TaskParticipants(Guid.NewGuid(), "Nightly report", TaskAutomation.ManualKind, SystemActors.Scheduler.UserId, SystemActors.Engine.UserId, [Assignee]);

        Assert.Equal([Assignee], NotificationRecipients.For(EventType.TaskOverdue, SystemActors.Scheduler.UserId, createdByTheScheduler, Active));
    }

    [Theory]
    [InlineData(EventType.TaskFailed)]
    [InlineData(EventType.TaskCancelled)]
    public void AnAutomatedTask_TellsItsCreator_OfItsDeathAndCancellation(EventType type) =>
        Assert.Equal([Creator], NotificationRecipients.For(type, SystemActors.Engine.UserId, Automated(Assignee), Active));

    [Theory]
    [InlineData(EventType.TaskTaken)]
    [InlineData(EventType.TaskRequeued)]
    [InlineData(EventType.TaskReleased)]
    [InlineData(EventType.TaskCompleted)]
    [InlineData(EventType.TaskUpdated)]
    [InlineData(EventType.TaskCommented)]
    public void AnAutomatedTask_TellsNobody_OfItsOtherEvents(EventType type) =>
        Assert.Empty(NotificationRecipients.For(type, SystemActors.Engine.UserId, Automated(Assignee), Active));

    [Fact]
    public void ACreatorWhoCancelsTheirAutomatedTask_IsNotToldOfIt() =>
        Assert.Empty(NotificationRecipients.For(EventType.TaskCancelled, Creator, Automated(), Active));

    private static bool Active(Guid userId) => true;

    private static TaskParticipants Manual(Guid? owner, params Guid[] assignees) =>
        new(Guid.NewGuid(), "Write the release notes", TaskAutomation.ManualKind, Creator, owner, assignees);

    private static TaskParticipants CreatedBy(Guid creator, Guid? owner, params Guid[] assignees) =>
        new(Guid.NewGuid(), "Write the release notes", TaskAutomation.ManualKind, creator, owner, assignees);

    private static TaskParticipants Automated(params Guid[] assignees) =>
        new(Guid.NewGuid(), "Nightly import", "system.noop", Creator, SystemActors.Engine.UserId, assignees);
}
