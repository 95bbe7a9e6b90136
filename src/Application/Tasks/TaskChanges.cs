using AutoMapper;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks;

/// <summary>
/// The one way a command changes an existing task: load it, check the caller's expected version, let the aggregate
/// apply the change (it refuses what its rules forbid), commit, and answer with the new state.
/// </summary>
public sealed class TaskChanges(ITaskRepository tasks, IUnitOfWork unitOfWork, ICurrentUser currentUser, TimeProvider clock, IMapper mapper)
{
    public async Task<TaskDto> ApplyAsync(Guid taskId, uint? expectedVersion, Action<TaskItem, Actor, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var actor = currentUser.RequireActor();
        var task = await tasks.FindAsync(taskId, cancellationToken) ?? throw new NotFoundException("Task", taskId);

        if (expectedVersion is { } expected && expected != task.Version)
        {
            throw new PreconditionFailedException(expected, task.Version);
        }

        change(task, actor, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.ToTaskDto(task, actor);
    }
}
