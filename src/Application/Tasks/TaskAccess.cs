using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks;

/// <summary>The one place that decides which tasks a person may see, and loads a task only if they may.</summary>
public sealed class TaskAccess(ITaskRepository tasks, ITeamRepository teams)
{
    public async Task<TaskVisibility> VisibilityForAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsManagerOrAdmin
            ? new TaskVisibility(true, new HashSet<Guid>())
            : new TaskVisibility(false, await teams.TeamIdsOfAsync(actor.UserId, cancellationToken));
    }

    /// <summary>The task, or <see cref="NotFoundException"/> when it does not exist or is hidden from the actor.</summary>
    public async Task<TaskItem> FindVisibleAsync(Guid taskId, Actor actor, CancellationToken cancellationToken)
    {
        var task = await tasks.FindAsync(taskId, cancellationToken);
        return task is not null && (await VisibilityForAsync(actor, cancellationToken)).CanSee(task)
            ? task
            : throw new NotFoundException("Task", taskId);
    }
}
