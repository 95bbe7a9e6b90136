using NJsonSchema;
using NSwag.Generation.Processors;
using NSwag.Generation.Processors.Contexts;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>
/// OpenAPI 3.0 allows <c>nullable</c> only beside a <c>type</c>, and NSwag writes it without one in two places. Any
/// JSON (a <c>JsonElement</c>: metadata, a handler's input, a problem's extension members) is the empty schema, which
/// null already satisfies: its <c>nullable</c> goes. A nullable reference (a task history entry's <c>from</c>, a
/// schedule's <c>lastRun</c>) is a one-reference <c>oneOf</c>: it gets the referenced schema's type beside it.
/// </summary>
internal sealed class NullableSchemasProcessor : IDocumentProcessor
{
    public void Process(DocumentProcessorContext context)
    {
        var seen = new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<JsonSchema>(context.Document.Components.Schemas.Values);
        while (pending.TryPop(out var schema))
        {
            if (!seen.Add(schema))
            {
                continue;
            }

            if (schema.IsNullableRaw == true && schema.Type == JsonObjectType.None && schema.Reference is null)
            {
                if (schema.OneOf.Count == 1 && schema.OneOf.Single().Reference is { } referenced)
                {
                    schema.Type = referenced.ActualSchema.Type;
                }
                else if (schema.OneOf.Count == 0 && schema.AllOf.Count == 0 && schema.AnyOf.Count == 0)
                {
                    schema.IsNullableRaw = null;
                }
            }

            foreach (var child in SchemaTree.Children(schema).Where(child => child.Reference is null))
            {
                pending.Push(child);
            }
        }
    }
}
