using System.Text.Json;
using TaskOrchestration.Application.Common.Events;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Events;

/// <summary>The published shape of every event (docs/events.md): the envelope and each type's data, as JSON.</summary>
public sealed class EventEnvelopesTests
{
    private static readonly Guid TaskId = Guid.NewGuid();

    [Fact]
    public void TheEnvelope_NamesTheEvent_TheTask_TheActor_AndAVersion()
    {
        var envelope = EventEnvelopes.From(new TaskArchived(TaskId, Alice.UserId, Now));

        Assert.NotEqual(Guid.Empty, envelope.Id);
        Assert.Equal((1, EventType.TaskArchived, Now, TaskId), (envelope.Version, envelope.Type, envelope.OccurredAt, envelope.TaskId));
        Assert.Equal(new EventActor(Alice.UserId, EventActorKind.User), envelope.Actor);
        Assert.Equal("{}", envelope.Data.GetRawText());
    }

    [Fact]
    public void EachEvent_GetsItsOwnId()
    {
        var taskEvent = new TaskArchived(TaskId, Alice.UserId, Now);

        Assert.NotEqual(EventEnvelopes.From(taskEvent).Id, EventEnvelopes.From(taskEvent).Id);
    }

    [Fact]
    public void TheEnvelope_AsJson_IsCamelCase_WithTypesAndEnumsAsWords()
    {
        var envelope = EventEnvelopes.From(new TaskTransitioned(TaskId, TaskItemStatus.Running, TaskItemStatus.Done, TaskTrigger.Complete, SystemActors.Engine.UserId, Now, null, "42"));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(envelope, EventJson.Options));
        var root = json.RootElement;

        Assert.Equal(["id", "version", "type", "occurredAt", "taskId", "actor", "data"], root.EnumerateObject().Select(property => property.Name));
        Assert.Equal("taskCompleted", root.GetProperty("type").GetString());
        Assert.Equal("engine", root.GetProperty("actor").GetProperty("kind").GetString());
        Assert.Equal("""{"from":"running","to":"done","trigger":"complete","reason":null,"result":"42"}""", root.GetProperty("data").GetRawText());
    }

    [Fact]
    public void TheData_OfEachTypeWithFields()
    {
        var commentId = Guid.NewGuid();

        Assert.Equal("""{"status":"draft"}""", Data(new TaskCreated(TaskId, TaskItemStatus.Draft, Alice.UserId, Now)));
        Assert.Equal("""{"fields":["title","tags"]}""", Data(new TaskUpdated(TaskId, ["title", "tags"], Alice.UserId, Now)));
        Assert.Equal($$"""{"assigneeIds":["{{Bob.UserId}}"]}""", Data(new TaskAssigned(TaskId, [Bob.UserId], Maria.UserId, Now)));
        Assert.Equal($$"""{"commentId":"{{commentId}}","change":"edited"}""", Data(new TaskCommented(TaskId, commentId, CommentChange.Edited, Alice.UserId, Now)));
        Assert.Equal("""{"from":"running","to":"pending","trigger":"requeue","reason":"boom","result":null}""", Data(new TaskTransitioned(TaskId, TaskItemStatus.Running, TaskItemStatus.Pending, TaskTrigger.Requeue, SystemActors.Engine.UserId, Now, "boom")));
        Assert.Equal("""{"dueDate":"2026-11-30T17:00:00+00:00"}""", Data(new TaskOverdue(TaskId, new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero), SystemActors.Scheduler.UserId, Now)));
    }

    [Fact]
    public void TheActorKind_TellsPeopleFromTheEngineAndTheScheduler()
    {
        Assert.Equal(EventActorKind.User, EventEnvelopes.From(new TaskArchived(TaskId, Alice.UserId, Now)).Actor.Kind);
        Assert.Equal(EventActorKind.Engine, EventEnvelopes.From(new TaskArchived(TaskId, SystemActors.Engine.UserId, Now)).Actor.Kind);
        Assert.Equal(EventActorKind.Scheduler, EventEnvelopes.From(new TaskArchived(TaskId, SystemActors.Scheduler.UserId, Now)).Actor.Kind);
    }

    [Fact]
    public void AStoredEnvelope_ReadsBackAsItWasWritten()
    {
        var envelope = EventEnvelopes.From(new TaskCreated(TaskId, TaskItemStatus.Pending, Alice.UserId, Now));

        var read = JsonSerializer.Deserialize<EventEnvelope>(JsonSerializer.Serialize(envelope, EventJson.Options), EventJson.Options)!;

        Assert.Equal((envelope.Id, envelope.Type, envelope.TaskId, envelope.Actor), (read.Id, read.Type, read.TaskId, read.Actor));
        Assert.Equal(envelope.Data.GetRawText(), read.Data.GetRawText());
    }

    private static string Data(ITaskEvent taskEvent) => EventEnvelopes.From(taskEvent).Data.GetRawText();
}
