using System.Reflection;

namespace TaskOrchestration.Architecture.Tests.Rules;

/// <summary>The assemblies a layer's compiled assembly references, checked against the layer's allow-list.</summary>
internal static class ReferenceRules
{
    public static bool IsRuntime(string name) => name == "System" || name.StartsWith("System.", StringComparison.Ordinal);

    /// <summary>The Domain: the runtime and the state-machine library, nothing else.</summary>
    public static bool AllowedInDomain(string name) => IsRuntime(name) || name == "Stateless";

    /// <summary>The Application: the runtime, the Domain, its three libraries and the Microsoft.Extensions abstractions and logging.</summary>
    public static bool AllowedInApplication(string name) =>
        IsRuntime(name)
        || name == "TaskOrchestration.Domain"
        || name == "MediatR"
        || name == "AutoMapper"
        || name == "FluentValidation" || name.StartsWith("FluentValidation.", StringComparison.Ordinal)
        || (name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
            && (name.EndsWith(".Abstractions", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.Logging", StringComparison.Ordinal)));

    public static IReadOnlyList<string> ReferencedNames(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. assembly.GetReferencedAssemblies().Select(reference => reference.Name ?? string.Empty).Order(StringComparer.Ordinal)];
    }

    public static IReadOnlyList<string> Unexpected(Assembly assembly, Func<string, bool> allowed) =>
        [.. ReferencedNames(assembly).Where(name => !allowed(name))];
}
