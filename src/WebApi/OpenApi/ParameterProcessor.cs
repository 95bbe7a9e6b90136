using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using NJsonSchema;
using NSwag;
using NSwag.Generation.AspNetCore;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;
using TaskOrchestration.WebApi.Http;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>
/// The parameters as clients should see them. An optional parameter is left out, never sent as null, so its schema is
/// not nullable. String query parameters marked <see cref="QueryEnumAttribute"/> get their enum as a reference to the
/// named schema the bodies use (<c>TaskItemStatus</c>, not a type per parameter). Parameters that mean the same on
/// every operation (resource ids in the path, If-Match, paging) are described here, with one wording; parameters of
/// one endpoint only carry a [Description] where they are declared.
/// </summary>
internal sealed partial class ParameterProcessor : IOperationProcessor
{
    private static readonly Dictionary<string, string> DescriptionByName = new(StringComparer.Ordinal)
    {
        [EntityTag.IfMatchHeader] = "The ETag of the version you read; the change is refused with 412 when the resource has changed since (leave it out to change it whatever its version).",
        ["page"] = "The page number, from 1 (offset paging).",
        ["pageSize"] = "Items per page, 1 to 100.",
        ["includeTotal"] = "Count every match too and answer it as totalCount (up to 10,000; null beyond). The page alone is much cheaper.",
    };

    public bool Process(OperationProcessorContext context)
    {
        var description = ((AspNetCoreOperationProcessorContext)context).ApiDescription;
        foreach (var parameter in context.OperationDescription.Operation.Parameters)
        {
            if (parameter.Schema is { } schema)
            {
                schema.IsNullableRaw = null;
            }

            var declared = description.ParameterDescriptions.FirstOrDefault(candidate => candidate.Name == parameter.Name);
            var parameterInfo = (declared?.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo;
            if (parameterInfo?.GetCustomAttributes(typeof(QueryEnumAttribute), false).OfType<QueryEnumAttribute>().FirstOrDefault()?.EnumType is { } enumType)
            {
                var reference = new JsonSchema { Reference = NamedEnumSchema(enumType, context.Document) };
                parameter.Schema = parameterInfo.ParameterType.IsArray ? new JsonSchema { Type = JsonObjectType.Array, Item = reference } : reference;
            }

            if (string.IsNullOrEmpty(parameter.Description))
            {
                parameter.Description = parameter.Kind == OpenApiParameterKind.Path
                    ? PathIdDescription(description.RelativePath ?? string.Empty, parameter.Name)
                    : DescriptionByName.GetValueOrDefault(parameter.Name);
            }
        }

        return true;
    }

    /// <summary>The enum's schema under its type's name: the one the bodies use, or a new one when only queries use it.</summary>
    private static JsonSchema NamedEnumSchema(Type enumType, OpenApiDocument document)
    {
        if (!document.Components.Schemas.TryGetValue(enumType.Name, out var schema))
        {
            schema = new JsonSchema { Type = JsonObjectType.String };
            foreach (var name in QueryEnumValues.Names(enumType))
            {
                schema.Enumeration.Add(name);
            }

            document.Components.Schemas[enumType.Name] = schema;
        }

        return schema;
    }

    /// <summary>"{id}" names the resource of the segment before it (tasks/{id}: the task); "{userId}" names a user.</summary>
    private static string? PathIdDescription(string path, string name)
    {
        if (name.EndsWith("Id", StringComparison.Ordinal))
        {
            return $"The {name[..^2]}'s id.";
        }

        var segment = PrecedingSegment().Match(path);
        return name == "id" && segment.Success ? $"The {segment.Groups["resource"].Value.TrimEnd('s')}'s id." : null;
    }

    [GeneratedRegex(@"(?<resource>[a-z]+)/\{id(:[a-z]+)?\}")]
    private static partial Regex PrecedingSegment();
}
