using MediatR;
using TaskOrchestration.Domain.Tasks;

namespace TaskOrchestration.Application.Tasks.Queries.GetLifecycle;

/// <summary>The task lifecycle as the Domain's Stateless machine declares it: statuses, triggers, transitions and their guards.</summary>
public sealed record GetLifecycleQuery : IRequest<LifecycleDto>;

public sealed class GetLifecycleQueryHandler : IRequestHandler<GetLifecycleQuery, LifecycleDto>
{
    // The machine's declaration does not change while the process runs.
    private static readonly Lazy<LifecycleDto> Lifecycle = new(() => LifecycleDto.From(TaskLifecycle.Map()));

    public Task<LifecycleDto> Handle(GetLifecycleQuery request, CancellationToken cancellationToken) => Task.FromResult(Lifecycle.Value);
}
