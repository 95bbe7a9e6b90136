using FluentValidation;

namespace TaskOrchestration.Application.Schedules.Queries.ListSchedules;

/// <summary>The query has no input; the validator exists so every feature has the same shape.</summary>
public sealed class ListSchedulesQueryValidator : AbstractValidator<ListSchedulesQuery>
{
}
