using System.Text.Json.Serialization;
using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.WebApi.Endpoints;

/// <summary>The role to give a user.</summary>
/// <param name="Role">member, manager or admin.</param>
/// <remarks>Required when read: left out, an enum would be read as its first member and demote the user to member.</remarks>
public sealed record ChangeUserRoleRequest([property: JsonRequired] UserRole Role);
