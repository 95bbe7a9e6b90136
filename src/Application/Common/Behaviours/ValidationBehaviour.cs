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
        var failures = new List<FluentValidation.Results.ValidationFailure>();
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

    /// <summary>"Items[0].DueDate" becomes "items[0].dueDate", the names clients send.</summary>
    private static string ToCamelCasePath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(segment =>
            segment.Length == 0 ? segment : string.Concat(char.ToLowerInvariant(segment[0]).ToString(), segment[1..])));
}
