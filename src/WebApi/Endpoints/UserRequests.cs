using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>The role to give a user.</summary>
/// <param name="Role">member, manager or admin.</param>
public sealed record ChangeUserRoleRequest(UserRole Role);
