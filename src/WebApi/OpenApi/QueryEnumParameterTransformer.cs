using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TaskOrchestration.WebApi.Http;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>
/// Gives the string query parameters marked with <see cref="QueryEnumAttribute"/> their enum, as a reference to a named
/// schema (the enum type's name, the one the response bodies use), so that client generators give the parameter the
/// same readable type the bodies have instead of inventing one per parameter (<c>Status2</c>, <c>Anonymous</c>).
/// </summary>
internal sealed class QueryEnumParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var description in context.Description.ParameterDescriptions)
        {
            var parameterInfo = (description.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo;
            var enumType = parameterInfo?.GetCustomAttributes(typeof(QueryEnumAttribute), false).OfType<QueryEnumAttribute>().FirstOrDefault()?.EnumType;
            var parameter = operation.Parameters?.FirstOrDefault(candidate => candidate.Name == description.Name);
            if (enumType is null || parameter is not OpenApiParameter concrete)
            {
                continue;
            }

            var enumSchema = NamedEnumSchema(enumType, context.Document!);
            concrete.Schema = parameterInfo!.ParameterType.IsArray
                ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = enumSchema }
                : enumSchema;
            concrete.Explode = parameterInfo.ParameterType.IsArray ? true : concrete.Explode;
        }

        return Task.CompletedTask;
    }

    private static OpenApiSchemaReference NamedEnumSchema(Type enumType, OpenApiDocument document)
    {
        // The same schema the response bodies' enums get (StringEnumSchemaTransformer): registering it twice under one
        // name is harmless, the first one stays.
        document.AddComponent<IOpenApiSchema>(enumType.Name, new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = [.. QueryEnumValues.Names(enumType).Select(name => (JsonNode)JsonValue.Create(name)!)],
        });
        return new OpenApiSchemaReference(enumType.Name, document);
    }
}
