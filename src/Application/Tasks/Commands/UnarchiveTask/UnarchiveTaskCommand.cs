using MediatR;

namespace TaskOrchestration.Application.Tasks.Commands.UnarchiveTask;

/// <summary>Restores an archived task to the default list, as it was.</summary>
/// <param name="TaskId">The task to restore.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
public sealed record UnarchiveTaskCommand(Guid TaskId, uint? ExpectedVersion = null) : IRequest<TaskDto>;

public sealed class UnarchiveTaskCommandHandler(TaskChanges taskChanges) : IRequestHandler<UnarchiveTaskCommand, TaskDto>
{
    public Task<TaskDto> Handle(UnarchiveTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return taskChanges.ApplyAsync(request.TaskId, request.ExpectedVersion, (task, actor, now) => task.Unarchive(actor, now), cancellationToken);
    }
}
