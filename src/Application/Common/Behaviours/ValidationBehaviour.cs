using FluentValidation;
using MediatR;
using TaskOrchestration.Application.Common.Exceptions;

namespace TaskOrchestration.Application.Common.Behaviours;

/// <summary>Runs every validator of the request and reports all failures at once, before the handler runs.</summary>
public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var failures = new List<FluentValidation.Results.ValidationFailure>(NulCharacterFailures(request));
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationFailedException(failures
                .GroupBy(failure => ToCamelCasePath(failure.PropertyName), StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Select(failure => failure.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal));
        }

        return await next();
    }

    /// <summary>
    /// PostgreSQL cannot store U+0000 in text, so a string carrying one could never be saved or searched: every
    /// request refuses it here, once, instead of every validator repeating the rule.
    /// </summary>
    private static IEnumerable<FluentValidation.Results.ValidationFailure> NulCharacterFailures(TRequest request)
    {
        foreach (var property in typeof(TRequest).GetProperties())
        {
            var value = property.GetValue(request);
            var texts = value switch
            {
                string text => [text],
                IEnumerable<string> list => list,
                System.Text.Json.JsonElement json => [json.GetRawText().Contains("\\u0000", StringComparison.OrdinalIgnoreCase) ? "\0" : string.Empty],
                _ => [],
            };
            if (texts.Any(text => text?.Contains('\0', StringComparison.Ordinal) == true))
            {
                yield return new FluentValidation.Results.ValidationFailure(property.Name, "Text may not contain the NUL character (U+0000).");
            }
        }
    }

    /// <summary>"Items[0].DueDate" becomes "items[0].dueDate", the names clients send.</summary>
    private static string ToCamelCasePath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(segment =>
            segment.Length == 0 ? segment : string.Concat(char.ToLowerInvariant(segment[0]).ToString(), segment[1..])));
}
