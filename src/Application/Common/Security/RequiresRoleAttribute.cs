using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Application.Common.Security;

/// <summary>
/// The one way to say who may send a request: the authorization behaviour refuses (403) anyone whose role is not
/// listed, before validation or the handler run.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RequiresRoleAttribute(params UserRole[] roles) : Attribute
{
    public IReadOnlyList<UserRole> Roles { get; } = roles;
}
