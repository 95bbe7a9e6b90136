using AutoMapper;
using MediatR;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Common.Security;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Users.Queries.ListUsers;

/// <summary>A page of users (admins only), ordered by email.</summary>
/// <param name="Role">Only users with this role.</param>
/// <param name="Search">Text that the email or display name contains, ignoring case.</param>
/// <param name="TeamId">Only the members of this team.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">Items per page, 1 to 100.</param>
/// <param name="IncludeTotal">Count the matching users too (up to 10,000).</param>
[RequiresRole(UserRole.Admin)]
public sealed record ListUsersQuery(UserRole? Role = null, string? Search = null, Guid? TeamId = null, int Page = 1, int PageSize = 20, bool IncludeTotal = false) : IRequest<PagedList<UserDto>>;

public sealed class ListUsersQueryHandler(IUserRepository users, IMapper mapper) : IRequestHandler<ListUsersQuery, PagedList<UserDto>>
{
    public async Task<PagedList<UserDto>> Handle(ListUsersQuery request, CancellationToken cancellationToken)
    {
        var page = await users.ListAsync(request, cancellationToken);
        return page.ToPagedList(mapper.Map<UserDto>);
    }
}
