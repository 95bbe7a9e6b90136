using MediatR;

namespace TaskOrchestration.Application.Tasks.Commands.FailTask;

/// <summary>Marks a running task as failed, with a reason; only its owner may.</summary>
/// <param name="TaskId">The task to change.</param>
/// <param name="Reason">Why the work failed, 1 to 2,000 characters.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
public sealed record FailTaskCommand(Guid TaskId, string Reason, uint? ExpectedVersion = null) : IRequest<TaskDto>;

public sealed class FailTaskCommandHandler(TaskChanges taskChanges) : IRequestHandler<FailTaskCommand, TaskDto>
{
    public Task<TaskDto> Handle(FailTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return taskChanges.ApplyAsync(request.TaskId, request.ExpectedVersion, (task, actor, now) => task.Fail(actor, request.Reason, now), cancellationToken);
    }
}
