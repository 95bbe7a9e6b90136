using MediatR;

namespace TaskOrchestration.Application.Tasks.Commands.CompleteTask;

/// <summary>Completes a running task; only its owner may.</summary>
/// <param name="TaskId">The task to change.</param>
/// <param name="Result">What the work produced, up to 10,000 characters.</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
public sealed record CompleteTaskCommand(Guid TaskId, string? Result = null, uint? ExpectedVersion = null) : IRequest<TaskDto>;

public sealed class CompleteTaskCommandHandler(TaskChanges taskChanges) : IRequestHandler<CompleteTaskCommand, TaskDto>
{
    public Task<TaskDto> Handle(CompleteTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return taskChanges.ApplyAsync(request.TaskId, request.ExpectedVersion, (task, actor, now) => task.Complete(actor, request.Result, now), cancellationToken);
    }
}
