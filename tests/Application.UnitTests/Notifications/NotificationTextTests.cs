using System.Text.Json;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Application.Notifications;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.UnitTests.Notifications;

public sealed class NotificationTextTests
{
    private static readonly Guid Ada = Guid.NewGuid();
    private static readonly TaskParticipants Task = new(Guid.NewGuid(), "Write the release notes", TaskAutomation.ManualKind, Guid.NewGuid(), Ada, [Ada]);

    [Fact]
    public void ACompletion_NamesTheActorAndTheTask_AndCarriesTheResult()
    {
        var text = NotificationText.For(Envelope(EventType.TaskCompleted, new TaskTransitionedData(TaskItemStatus.Running, TaskItemStatus.Done, TaskTrigger.Complete, null, "Published")), Task, "Ada", Guid.NewGuid());

        Assert.Equal(new NotificationText("Ada completed \"Write the release notes\"", "Result: Published"), text);
    }

    [Fact]
    public void AnAssignment_ReadsDifferently_ToThePeopleAssigned()
    {
        var assigned = Envelope(EventType.TaskAssigned, new TaskAssignedData([Ada]));

        Assert.Equal("Max assigned you to \"Write the release notes\"", NotificationText.For(assigned, Task, "Max", Ada).Title);
        Assert.Equal("Max changed who \"Write the release notes\" is assigned to", NotificationText.For(assigned, Task, "Max", Guid.NewGuid()).Title);
    }

    [Fact]
    public void ALongTaskTitle_IsShortened_InsideItsQuotes()
    {
        var text = NotificationText.For(Envelope(EventType.TaskTaken, new TaskTransitionedData(TaskItemStatus.Pending, TaskItemStatus.Running, TaskTrigger.Take, null, null)), Task with { Title = new string('x', 200) }, "Ada", Guid.NewGuid());

        Assert.StartsWith("Ada took \"xxx", text.Title, StringComparison.Ordinal);
        Assert.EndsWith("x…\"", text.Title, StringComparison.Ordinal);
        Assert.True(text.Title.Length <= 200);
    }

    [Fact]
    public void TheSystemActors_AreNamedForWhatTheyAre()
    {
        Dictionary<Guid, NotificationPerson> people = new() { [Ada] = new NotificationPerson(Ada, "Ada", "ada@example.com", true, new Dictionary<EventType, Domain.Notifications.NotificationChannels>()) };

        Assert.Equal("Ada", NotificationText.ActorName(new EventActor(Ada, EventActorKind.User), people));
        Assert.Equal("The worker engine", NotificationText.ActorName(new EventActor(SystemActors.Engine.UserId, EventActorKind.Engine), people));
        Assert.Equal("The scheduler", NotificationText.ActorName(new EventActor(SystemActors.Scheduler.UserId, EventActorKind.Scheduler), people));
    }

    [Fact]
    public void DerivedIds_AreTheSameForTheSameThing_AndDifferForAnother()
    {
        var eventId = Guid.NewGuid();
        var slot = new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

        Assert.Equal(DerivedIds.Email(eventId, Ada), DerivedIds.Email(eventId, Ada));
        Assert.NotEqual(DerivedIds.Email(eventId, Ada), DerivedIds.Email(eventId, Guid.NewGuid()));
        Assert.Equal(DerivedIds.DailySummary(slot), DerivedIds.DailySummary(slot.ToOffset(TimeSpan.FromHours(2))));
        Assert.NotEqual(DerivedIds.DailySummary(slot), DerivedIds.DailySummary(slot.AddDays(1)));
        Assert.Equal(8, DerivedIds.DailySummary(slot).Version);
    }

    private static EventEnvelope Envelope(EventType type, object data) =>
        new(Guid.NewGuid(), EventEnvelope.CurrentVersion, type, DateTimeOffset.UnixEpoch, Task.Id, new EventActor(Guid.NewGuid(), EventActorKind.User), JsonSerializer.SerializeToElement(data, data.GetType(), EventJson.Options));
}
