using MediatR;

namespace TaskOrchestration.Application.Tasks.Commands.ReleaseTask;

/// <summary>Gives a running task back: it becomes pending and unowned; only its owner may.</summary>
/// <param name="TaskId">The task to change.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
public sealed record ReleaseTaskCommand(Guid TaskId, uint? ExpectedVersion = null) : IRequest<TaskDto>;

public sealed class ReleaseTaskCommandHandler(TaskChanges taskChanges) : IRequestHandler<ReleaseTaskCommand, TaskDto>
{
    public Task<TaskDto> Handle(ReleaseTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return taskChanges.ApplyAsync(request.TaskId, request.ExpectedVersion, (task, actor, now) => task.Release(actor, now), cancellationToken);
    }
}
