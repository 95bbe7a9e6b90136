using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>
/// Marks every property of the schemas the API answers with as required. Its JSON writes every property, null or
/// not (nullable ones say so with <c>nullable</c>), so "required" is the truth, and generated clients then type
/// <c>task.id</c> as a string rather than as something that may be missing. Schemas that are also sent in requests
/// are left alone: there, only what the validators demand is required.
/// </summary>
internal sealed class ResponseSchemasRequiredTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null || document.Paths is null)
        {
            return Task.CompletedTask;
        }

        var operations = document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []).ToList();
        var answered = Reachable(schemas, operations
            .SelectMany(operation => operation.Responses?.Values.AsEnumerable() ?? [])
            .SelectMany(response => response.Content?.Values.AsEnumerable() ?? [])
            .Select(media => media.Schema));
        var sent = Reachable(schemas, operations
            .SelectMany(operation => operation.RequestBody?.Content?.Values.AsEnumerable() ?? [])
            .Select(media => media.Schema));
        foreach (var name in answered.Except(sent))
        {
            if (schemas[name] is OpenApiSchema { Properties.Count: > 0 } schema)
            {
                schema.Required = new HashSet<string>(schema.Properties.Keys, StringComparer.Ordinal);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The names of the component schemas <paramref name="roots"/> lead to, through properties, items, compositions and maps.</summary>
    private static HashSet<string> Reachable(IDictionary<string, IOpenApiSchema> schemas, IEnumerable<IOpenApiSchema?> roots)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<IOpenApiSchema>(roots.OfType<IOpenApiSchema>());
        while (pending.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference reference)
            {
                if (reference.Reference.Id is { } id && found.Add(id) && schemas.TryGetValue(id, out var target))
                {
                    pending.Push(target);
                }

                continue;
            }

            IEnumerable<IOpenApiSchema?> children =
            [
                .. schema.Properties?.Values ?? [],
                schema.Items,
                schema.AdditionalProperties,
                .. schema.AllOf ?? [],
                .. schema.OneOf ?? [],
                .. schema.AnyOf ?? [],
            ];
            foreach (var child in children.OfType<IOpenApiSchema>())
            {
                pending.Push(child);
            }
        }

        return found;
    }
}
