using NJsonSchema;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>
/// Marks every property of the schemas the API answers with as required. Its JSON writes every property, null or
/// not (nullable ones say so with <c>nullable</c>), so "required" is the truth, and generated clients then type
/// <c>task.id</c> as a string rather than as something that may be missing. Schemas that are also sent in requests
/// are left alone: there, only what the validators demand is required.
/// </summary>
internal sealed class ResponseSchemasRequiredProcessor : IDocumentProcessor
{
    public void Process(DocumentProcessorContext context)
    {
        var operations = context.Document.Operations.Select(description => description.Operation).ToList();
        var answered = Reachable(operations
            .SelectMany(operation => operation.ActualResponses.Values)
            .SelectMany(response => response.Content.Values)
            .Select(media => media.Schema));
        var sent = Reachable(operations
            .SelectMany(operation => operation.RequestBody?.Content.Values.AsEnumerable() ?? [])
            .Select(media => media.Schema));
        foreach (var schema in answered.Except(sent))
        {
            foreach (var property in schema.Properties.Values)
            {
                property.IsRequired = true;
            }
        }
    }

    /// <summary>The schemas <paramref name="roots"/> lead to, through references, properties, items, compositions and maps.</summary>
    private static HashSet<JsonSchema> Reachable(IEnumerable<JsonSchema?> roots)
    {
        var found = new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<JsonSchema>(roots.OfType<JsonSchema>());
        while (pending.TryPop(out var schema))
        {
            if (!found.Add(schema))
            {
                continue;
            }

            if (schema.Reference is { } referenced)
            {
                pending.Push(referenced);
            }

            foreach (var child in SchemaTree.Children(schema))
            {
                pending.Push(child);
            }
        }

        return found;
    }
}
