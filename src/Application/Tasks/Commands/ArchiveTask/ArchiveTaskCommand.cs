using MediatR;

namespace TaskOrchestration.Application.Tasks.Commands.ArchiveTask;

/// <summary>Archives (soft-deletes) a task: it leaves the default list and accepts no change until unarchived.</summary>
/// <param name="TaskId">The task to archive.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
public sealed record ArchiveTaskCommand(Guid TaskId, uint? ExpectedVersion = null) : IRequest<TaskDto>;

public sealed class ArchiveTaskCommandHandler(TaskChanges taskChanges) : IRequestHandler<ArchiveTaskCommand, TaskDto>
{
    public Task<TaskDto> Handle(ArchiveTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return taskChanges.ApplyAsync(request.TaskId, request.ExpectedVersion, (task, actor, now) => task.Archive(actor, now), cancellationToken);
    }
}
