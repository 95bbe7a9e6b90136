using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace TaskOrchestration.Application.Common.Validation;

/// <summary>
/// The text of a request that PostgreSQL could not store: NUL (U+0000) in a string (text columns cannot hold it), a
/// UTF-16 surrogate without its other half (it has no UTF-8 form), and in a JSON value what <see cref="StorableJson"/>
/// names (jsonb refuses it). Every string, list of strings and JSON value of a request is read, in the request and in
/// the records it holds that are declared beside it (its own assembly), so that no field can be forgotten by its validator.
/// </summary>
public static class StorableText
{
    public const string NulMessage = "Text may not contain the NUL character (U+0000).";

    public const string LoneSurrogateMessage = "Text may not contain half of a UTF-16 surrogate pair without its other half.";

    /// <summary>How deep records may nest before the walk stops (requests nest one or two levels; no record loops it forever).</summary>
    private const int MaxDepth = 8;

    private static readonly ConcurrentDictionary<Type, TextProperty[]> PropertiesByType = new();

    /// <summary>Every field of <paramref name="request"/> that could not be stored, named as clients name it ("tags[1]", "metadata.customer.name").</summary>
    public static IReadOnlyList<UnstorableValue> FindProblems(object request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<UnstorableValue>();
        VisitMembers(request, string.Empty, problems, depth: 0);
        return problems;
    }

    /// <summary>Why <paramref name="text"/> could not be stored, in one sentence, or null.</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return NulMessage;
        }

        for (var index = 0; index < text.Length; index++)
        {
            if (char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                index++;
            }
            else if (char.IsSurrogate(text[index]))
            {
                return LoneSurrogateMessage;
            }
        }

        return null;
    }

    private static void Visit(object? value, string path, List<UnstorableValue> problems, int depth)
    {
        switch (value)
        {
            case string text:
                if (Problem(text) is { } message)
                {
                    problems.Add(new UnstorableValue(path, message));
                }

                break;
            case JsonElement json:
                problems.AddRange(StorableJson.FindProblems(json).Select(problem => problem with { Path = path + problem.Path }));
                break;
            case IEnumerable items when depth < MaxDepth:
                var index = 0;
                foreach (var item in items)
                {
                    Visit(item, $"{path}[{index++}]", problems, depth + 1);
                }

                break;
            case not null when depth < MaxDepth:
                VisitMembers(value, path, problems, depth + 1);
                break;
        }
    }

    private static void VisitMembers(object value, string path, List<UnstorableValue> problems, int depth)
    {
        foreach (var (property, name) in PropertiesByType.GetOrAdd(value.GetType(), TextBearingProperties))
        {
            Visit(property.GetValue(value), path.Length == 0 ? name : $"{path}.{name}", problems, depth);
        }
    }

    /// <summary>
    /// The public properties that can hold text (strings, JSON values, classes of the same assembly, and lists of them),
    /// each with its name as clients write it, worked out once per type.
    /// </summary>
    private static TextProperty[] TextBearingProperties(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetIndexParameters().Length == 0 && MayHoldText(property.PropertyType, type.Assembly))
            .Select(property => new TextProperty(property, string.Concat(char.ToLowerInvariant(property.Name[0]).ToString(), property.Name[1..]))),
    ];

    private static bool MayHoldText(Type type, Assembly ownAssembly)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(JsonElement))
        {
            return true;
        }

        if (type.IsClass && type.Assembly == ownAssembly)
        {
            return true;
        }

        var items = type.IsArray
            ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return items is not null && items != type && MayHoldText(items, ownAssembly);
    }

    private sealed record TextProperty(PropertyInfo Property, string Name);
}
