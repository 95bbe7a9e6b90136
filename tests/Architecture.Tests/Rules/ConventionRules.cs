using System.Reflection;
using FluentValidation;
using MediatR;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Architecture.Tests.Rules;

/// <summary>The conventions of the Application and Domain layers, as checks over any set of types.</summary>
internal static class ConventionRules
{
    public static bool IsRequestHandler(Type type) =>
        type is { IsClass: true, IsAbstract: false } && type.GetInterfaces().Any(contract =>
            contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IRequestHandler<,>));

    public static bool IsValidator(Type type) =>
        type is { IsClass: true, IsAbstract: false } && type.GetInterfaces().Any(contract =>
            contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IValidator<>));

    public static bool IsRequest(Type type) =>
        type is { IsAbstract: false, IsInterface: false } && type.GetInterfaces().Any(contract =>
            contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IRequest<>));

    /// <summary>"TakeTaskCommand" → "TakeTask", "GetTaskQuery" → "GetTask": the name of the request's feature folder.</summary>
    public static string FeatureOf(Type request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var suffix in (string[])["Command", "Query"])
        {
            if (request.Name.EndsWith(suffix, StringComparison.Ordinal) && request.Name.Length > suffix.Length)
            {
                return request.Name[..^suffix.Length];
            }
        }

        return request.Name;
    }

    /// <summary>
    /// A handler lives in the feature folder of the request it handles: the same namespace as the request, ending in
    /// ".Commands.{Feature}" for a command or ".Queries.{Feature}" for a query.
    /// </summary>
    public static IReadOnlyList<string> HandlersOutsideTheirFeatureFolder(IEnumerable<Type> types) =>
        [.. types.Where(IsRequestHandler).SelectMany(handler => HandledRequests(handler)
            .Select(request =>
                (handler, request, expected: $".{(request.Name.EndsWith("Query", StringComparison.Ordinal) ? "Queries" : "Commands")}.{FeatureOf(request)}"))
            .Where(found =>
                found.handler.Namespace != found.request.Namespace || found.handler.Namespace?.EndsWith(found.expected, StringComparison.Ordinal) != true)
            .Select(found => $"{found.handler.FullName} handles {found.request.FullName}; expected both in a namespace ending in {found.expected}"))];

    /// <summary>Each request has its handler and its validator, named after it, beside it in its feature folder.</summary>
    public static IReadOnlyList<string> RequestsWithoutTheirHandlerAndValidator(IReadOnlyCollection<Type> types) =>
        [.. types.Where(IsRequest).SelectMany(request => ((string[])["Handler", "Validator"])
            .Where(role => !types.Any(type => type.Namespace == request.Namespace && type.Name == request.Name + role))
            .Select(role => $"{request.FullName} has no {request.Name}{role} in {request.Namespace}"))];

    public static IReadOnlyList<string> UnsealedHandlersAndValidators(IEnumerable<Type> types) =>
        [.. types.Where(type => (IsRequestHandler(type) || IsValidator(type)) && !type.IsSealed).Select(type => type.FullName!)];

    /// <summary>Public property setters (including public init) and public writable fields.</summary>
    public static IReadOnlyList<string> PublicSetters(IEnumerable<Type> types) =>
        [.. types.SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                .Where(property => property.SetMethod?.IsPublic == true)
                .Select(property => $"{type.Name}.{property.Name} {{ set; }}")
            .Concat(type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                .Where(field => !field.IsInitOnly && !field.IsLiteral)
                .Select(field => $"{type.Name}.{field.Name} (field)")))];

    public static IEnumerable<Type> Aggregates(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return assembly.GetTypes().Where(type => type == typeof(AggregateRoot) || type.IsSubclassOf(typeof(AggregateRoot)));
    }

    private static IEnumerable<Type> HandledRequests(Type handler) =>
        handler.GetInterfaces()
            .Where(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IRequestHandler<,>))
            .Select(contract => contract.GetGenericArguments()[0]);
}
