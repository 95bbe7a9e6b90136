using FluentValidation;

namespace TaskOrchestration.Application.Notifications.Queries.GetNotificationPreferences;

/// <summary>The query has no input; the validator exists so every feature has the same shape.</summary>
public sealed class GetNotificationPreferencesQueryValidator : AbstractValidator<GetNotificationPreferencesQuery>
{
}
