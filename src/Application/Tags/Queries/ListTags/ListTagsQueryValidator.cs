using FluentValidation;

namespace TaskOrchestration.Application.Tags.Queries.ListTags;

/// <summary>The query has no input; the validator exists so every feature has the same shape.</summary>
public sealed class ListTagsQueryValidator : AbstractValidator<ListTagsQuery>
{
}
