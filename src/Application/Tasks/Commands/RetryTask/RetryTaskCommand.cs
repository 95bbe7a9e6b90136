using MediatR;

namespace TaskOrchestration.Application.Tasks.Commands.RetryTask;

/// <summary>Sends a failed task back to pending for another attempt.</summary>
/// <param name="TaskId">The task to change.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
public sealed record RetryTaskCommand(Guid TaskId, uint? ExpectedVersion = null) : IRequest<TaskDto>;

public sealed class RetryTaskCommandHandler(TaskChanges taskChanges) : IRequestHandler<RetryTaskCommand, TaskDto>
{
    public Task<TaskDto> Handle(RetryTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return taskChanges.ApplyAsync(request.TaskId, request.ExpectedVersion, (task, actor, now) => task.Retry(actor, now), cancellationToken);
    }
}
