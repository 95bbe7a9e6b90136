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
    /// <summary>How often a change without an expected version is tried against a task that keeps changing under it.</summary>
    public const int AttemptsWithoutExpectedVersion = 3;

    public async Task<TaskDto> ApplyAsync(Guid taskId, uint? expectedVersion, Action<TaskItem, Actor, DateTimeOffset> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var actor = currentUser.RequireActor();
        for (var attempt = 1; ; attempt++)
        {
            var task = await access.FindVisibleAsync(taskId, actor, cancellationToken);
            if (expectedVersion is { } expected && expected != task.Version)
            {
                throw new PreconditionFailedException(expected, task.Version);
            }

            change(task, actor, clock.GetUtcNow());
            try
            {
                await unitOfWork.SaveChangesAsync(cancellationToken);
                return mapper.ToTaskDto(task, actor);
            }
            catch (ConflictException conflict) when (expectedVersion is null && conflict.Code == ConflictException.ConcurrencyCode && attempt < AttemptsWithoutExpectedVersion)
            {
                // Without If-Match the caller wants the change whatever the version, so a write that lost a race (the
                // engine renews a running task's lease every few seconds) is applied again to the fresh state, whose
                // rules decide anew. With If-Match the caller named a version: that conflict is theirs to see.
                unitOfWork.DiscardChanges();
            }
        }
    }
}
