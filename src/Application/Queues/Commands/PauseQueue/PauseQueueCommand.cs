using MediatR;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Queues.Commands.PauseQueue;

/// <summary>Stops workers from claiming tasks of a kind (admins); running ones finish. Pausing a paused kind changes nothing.</summary>
/// <param name="Kind">The kind.</param>
[RequiresRole(UserRole.Admin)]
public sealed record PauseQueueCommand(string Kind) : IRequest<QueueDto>;

public sealed class PauseQueueCommandHandler(QueuePausing pausing) : IRequestHandler<PauseQueueCommand, QueueDto>
{
    public Task<QueueDto> Handle(PauseQueueCommand request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return pausing.SetAsync(request.Kind, paused: true, cancellationToken);
    }
}
