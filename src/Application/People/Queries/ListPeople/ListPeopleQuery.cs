using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;

namespace TaskOrchestration.Application.People.Queries.ListPeople;

/// <summary>
/// A page of the people the caller may name, ordered by display name: everyone for managers and admins (they assign
/// work and staff teams); for members, themselves and the people they share a team with. Someone outside that circle is
/// simply not listed, so an id the caller may not name is never told apart from an unknown one.
/// </summary>
/// <param name="Search">Text that the display name contains, ignoring case.</param>
/// <param name="Ids">Only these people (up to 100): how a screen names the ids a task, comment or history carries.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 100.</param>
/// <param name="IncludeTotal">Count the matching people too (up to 10,000).</param>
public sealed record ListPeopleQuery(string? Search = null, IReadOnlyList<Guid>? Ids = null, int Page = 1, int PageSize = 20, bool IncludeTotal = false)
    : IRequest<PagedList<PersonDto>>;

public sealed class ListPeopleQueryHandler(IUserRepository users, ICurrentUser currentUser, IMapper mapper)
    : IRequestHandler<ListPeopleQuery, PagedList<PersonDto>>
{
    public async Task<PagedList<PersonDto>> Handle(ListPeopleQuery request, CancellationToken cancellationToken)
    {
        var actor = currentUser.RequireActor();
        var page = await users.ListPeopleAsync(request, actor.IsManagerOrAdmin ? null : actor.UserId, cancellationToken);
        return page.ToPagedList(mapper.Map<PersonDto>);
    }
}
