using AutoMapper;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks;

/// <summary>
/// The one way a command changes an existing task: load it if the caller may see it, check their expected version, let the aggregate
/// apply the change (it refuses what its rules forbid), commit, and answer with the new state.
/// </summary>
public sealed class TaskChanges(TaskAccess access, IUnitOfWork unitOfWork, ICurrentUser currentUser, TimeProvider clock, IMapper mapper)
{
    public async Task<TaskDto> ApplyAsync(Guid taskId, uint? expectedVersion, Action<TaskItem, Actor, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var actor = currentUser.RequireActor();
        var task = await access.FindVisibleAsync(taskId, actor, cancellationToken);

        if (expectedVersion is { } expected && expected != task.Version)
        {
            throw new PreconditionFailedException(expected, task.Version);
        }

        change(task, actor, clock.GetUtcNow());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.ToTaskDto(task, actor);
    }
}
