using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Commands.CreateTask;

/// <summary>Creates a task, pending unless <paramref name="Draft"/> asks for a draft.</summary>
/// <param name="Title">A short name, 1 to 200 characters.</param>
/// <param name="Description">Details, up to 10,000 characters.</param>
/// <param name="Priority">How urgent the task is; normal when omitted.</param>
/// <param name="DueDate">When the task should be done.</param>
/// <param name="Draft">True to create a draft that nobody can take until it is published.</param>
public sealed record CreateTaskCommand(
    string Title,
    string? Description = null,
    TaskPriority Priority = TaskPriority.Normal,
    DateTimeOffset? DueDate = null,
    bool Draft = false) : IRequest<TaskDto>;

public sealed class CreateTaskCommandHandler(ITaskRepository tasks, IUnitOfWork unitOfWork, ICurrentUser currentUser, TimeProvider clock, IMapper mapper)
    : IRequestHandler<CreateTaskCommand, TaskDto>
{
    public async Task<TaskDto> Handle(CreateTaskCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = currentUser.RequireActor();
        var task = TaskItem.Create(request.Title, request.Description, request.Priority, request.DueDate, request.Draft, actor, clock.GetUtcNow());
        tasks.Add(task);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return mapper.ToTaskDto(task, actor);
    }
}
