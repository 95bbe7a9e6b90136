using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Support;

/// <summary>Tasks in each state, brought there through the aggregate's own methods (new tasks are at version 0).</summary>
internal static class SomeTasks
{
    public static TaskItem Draft(Actor creator) => TaskItem.Create("Write the notes", null, TaskPriority.Normal, null, true, creator, Now);

    public static TaskItem Pending(Actor creator, Guid? teamId = null) =>
        TaskItem.Create("Write the notes", "Details", TaskPriority.Normal, null, false, creator, Now, teamId);

    public static TaskItem Running(Actor creator, Actor owner)
    {
        var task = Pending(creator);
        task.Take(owner, Now);
        return task;
    }

    public static TaskItem Failed(Actor creator, Actor owner)
    {
        var task = Running(creator, owner);
        task.Fail(owner, "It broke", Now);
        return task;
    }

    public static TaskItem Archived(Actor creator)
    {
        var task = Pending(creator);
        task.Archive(creator, Now);
        return task;
    }
}
