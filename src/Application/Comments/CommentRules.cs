using FluentValidation;
using TaskOrchestration.Domain.Comments;

namespace TaskOrchestration.Application.Comments;

internal static class CommentRules
{
    public static IRuleBuilderOptions<T, string> CommentBody<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(body => !string.IsNullOrWhiteSpace(body)).WithMessage("'Body' must not be empty.").MaximumLength(TaskComment.BodyMaxLength);
}
