using FluentValidation;

namespace TaskOrchestration.Application.Users.Queries.GetCurrentUser;

/// <summary>The query has no input; the validator exists so every feature has the same shape.</summary>
public sealed class GetCurrentUserQueryValidator : AbstractValidator<GetCurrentUserQuery>
{
}
