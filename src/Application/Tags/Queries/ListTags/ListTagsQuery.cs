using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Tasks;

namespace TaskOrchestration.Application.Tags.Queries.ListTags;

/// <summary>Every tag in use on the live tasks the caller can see, with its count, most used first.</summary>
public sealed record ListTagsQuery : IRequest<IReadOnlyList<TagUsage>>;

public sealed class ListTagsQueryHandler(ITaskRepository tasks, TaskAccess access, ICurrentUser currentUser)
    : IRequestHandler<ListTagsQuery, IReadOnlyList<TagUsage>>
{
    public async Task<IReadOnlyList<TagUsage>> Handle(ListTagsQuery request, CancellationToken cancellationToken) =>
        await tasks.TagUsageAsync(await access.VisibilityForAsync(currentUser.RequireActor(), cancellationToken), cancellationToken);
}
