using System.Collections;
using System.Reflection;

namespace TaskOrchestration.Architecture.Tests.Documentation;

/// <summary>
/// docs/configuration.md lists every setting: each property of every options class bound to a configuration section
/// (a class with a <c>SectionName</c> constant) must appear there by its key, as <c>`Section:Property`</c>. A setting
/// added to the code without its row fails here.
/// </summary>
public sealed class ConfigurationDocumentationTests
{
    private const string Document = "docs/configuration.md";

    [Fact]
    public void EveryBoundSetting_IsDocumentedByItsKey()
    {
        var document = RepositoryFiles.Read(Document);
        var keys = OptionsClasses().SelectMany(type => KeysOf(type, (string)type.GetField("SectionName")!.GetValue(null)!)).ToList();
        string[] missing = [.. keys.Where(key => !document.Contains($"`{key}`", StringComparison.Ordinal))];

        Assert.True(keys.Count > 50, $"Only {keys.Count} settings were found: the search for options classes is broken.");
        if (missing.Length > 0)
        {
            Assert.Fail($"{Document} does not list: {string.Join(", ", missing)}.");
        }
    }

    private static IEnumerable<Type> OptionsClasses() =>
        new[] { Layers.ApplicationAssembly, Layers.InfrastructureAssembly, Layers.WebApiAssembly }
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true });

    /// <summary>
    /// The keys of <paramref name="type"/>'s settings under <paramref name="prefix"/>, written as the page writes them:
    /// a nested class adds its own level (<c>Email:Smtp:Host</c>), a list of classes an index (<c>Jwt:Keys:N:Id</c>),
    /// a dictionary of classes its key (<c>Schedules:{job}:Cron</c>).
    /// </summary>
    private static IEnumerable<string> KeysOf(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var settable = property.SetMethod?.IsPublic == true;
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsValue(propertyType) || (propertyType.IsArray && IsValue(propertyType.GetElementType()!)))
            {
                if (settable)
                {
                    yield return $"{prefix}:{property.Name}";
                }
            }
            else if (propertyType.IsGenericType && typeof(IDictionary).IsAssignableFrom(propertyType))
            {
                foreach (var key in KeysOf(propertyType.GetGenericArguments()[1], $"{prefix}:{{job}}"))
                {
                    yield return key;
                }
            }
            else if (propertyType.IsGenericType && typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                foreach (var key in KeysOf(propertyType.GetGenericArguments()[0], $"{prefix}:{property.Name}:N"))
                {
                    yield return key;
                }
            }
            else if (settable && propertyType.IsClass)
            {
                foreach (var key in KeysOf(propertyType, $"{prefix}:{property.Name}"))
                {
                    yield return key;
                }
            }
        }
    }

    private static bool IsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal) || type == typeof(Uri);
}
