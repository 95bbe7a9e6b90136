using FluentValidation;
using FluentValidation.Results;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Validation;

namespace TaskOrchestration.Application.Common.Behaviours;

/// <summary>
/// Refuses text PostgreSQL could not store (<see cref="StorableText"/>), once for every request instead of in every
/// validator; then runs every validator of the request and reports all failures at once, before the handler runs.
/// </summary>
public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(next);

        // Alone and first, so that validators only ever read text that decodes (a lone surrogate escape does not).
        var unstorable = StorableText.FindProblems(request);
        if (unstorable.Count > 0)
        {
            throw new ValidationFailedException(unstorable
                .GroupBy(problem => problem.Path, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Select(problem => problem.Message).Distinct().ToArray(), StringComparer.Ordinal));
        }

        var failures = new List<ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationFailedException(
                failures
                    .GroupBy(failure => ToCamelCasePath(failure.PropertyName), StringComparer.Ordinal)
                    .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal),
                SharedProblemCode(failures));
        }

        return await next();
    }

    /// <summary>
    /// A rule with a stable code of its own gives it with <c>WithErrorCode("webhook_url_not_allowed")</c> (snake_case,
    /// as every problem code; FluentValidation's own codes are its validators' PascalCase names). The answer carries
    /// it when every failure has it, and the general code otherwise.
    /// </summary>
    private static string? SharedProblemCode(List<ValidationFailure> failures) =>
        failures.Select(failure => failure.ErrorCode).Distinct(StringComparer.Ordinal).ToList() is [{ } code] && IsProblemCode(code) ? code : null;

    private static bool IsProblemCode(string code) =>
        code.Length > 0 && char.IsAsciiLetterLower(code[0]) && code.All(character => char.IsAsciiLetterLower(character) || char.IsAsciiDigit(character) || character == '_');

    /// <summary>"Items[0].DueDate" becomes "items[0].dueDate", the names clients send.</summary>
    private static string ToCamelCasePath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(segment =>
            segment.Length == 0 ? segment : string.Concat(char.ToLowerInvariant(segment[0]).ToString(), segment[1..])));
}
