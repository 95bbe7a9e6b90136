using System.Text.Json;
using MediatR;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Commands.UpdateTask;

/// <summary>Edits an open task. A field left null keeps its value.</summary>
/// <param name="TaskId">The task to edit.</param>
/// <param name="Title">A new title, 1 to 200 characters.</param>
/// <param name="Description">A new description, up to 10,000 characters.</param>
/// <param name="Priority">A new priority.</param>
/// <param name="DueDate">A new due date.</param>
/// <param name="ClearDueDate">True to remove the due date.</param>
/// <param name="Metadata">A new metadata object (at most 16 KiB).</param>
/// <param name="ExpectedVersion">The version the caller last saw (HTTP If-Match); null skips the check.</param>
public sealed record UpdateTaskCommand(
    Guid TaskId,
    string? Title = null,
    string? Description = null,
    TaskPriority? Priority = null,
    DateTimeOffset? DueDate = null,
    bool ClearDueDate = false,
    uint? ExpectedVersion = null,
    JsonElement? Metadata = null) : IRequest<TaskDto>;

public sealed class UpdateTaskCommandHandler(TaskChanges taskChanges) : IRequestHandler<UpdateTaskCommand, TaskDto>
{
    public Task<TaskDto> Handle(UpdateTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return taskChanges.ApplyAsync(
            request.TaskId,
            request.ExpectedVersion,
            (task, actor, now) => task.Update(request.Title, request.Description, request.Priority, request.DueDate, request.ClearDueDate, actor, now, request.Metadata?.GetRawText()),
            cancellationToken);
    }
}
