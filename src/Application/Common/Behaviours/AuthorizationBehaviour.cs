using System.Reflection;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Security;

namespace TaskOrchestration.Application.Common.Behaviours;

/// <summary>Enforces <see cref="RequiresRoleAttribute"/>: the role rules live on the requests, checked here only.</summary>
public sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser currentUser) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly RequiresRoleAttribute? Requirement = typeof(TRequest).GetCustomAttribute<RequiresRoleAttribute>();

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (Requirement is not null && !Requirement.Roles.Contains(currentUser.RequireActor().Role))
        {
            throw ForbiddenException.RoleRequired();
        }

        return next();
    }
}
