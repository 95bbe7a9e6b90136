using MediatR;

namespace TaskOrchestration.Application.Tasks.Commands.CancelTask;

/// <summary>Calls off a draft, pending or running task.</summary>
/// <param name="TaskId">The task to change.</param>
/// <param name="Reason">Why the task is called off, up to 2,000 characters.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
public sealed record CancelTaskCommand(Guid TaskId, string? Reason = null, uint? ExpectedVersion = null) : IRequest<TaskDto>;

public sealed class CancelTaskCommandHandler(TaskChanges taskChanges) : IRequestHandler<CancelTaskCommand, TaskDto>
{
    public Task<TaskDto> Handle(CancelTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return taskChanges.ApplyAsync(request.TaskId, request.ExpectedVersion, (task, actor, now) => task.Cancel(actor, request.Reason, now), cancellationToken);
    }
}
