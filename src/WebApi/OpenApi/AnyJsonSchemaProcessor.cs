using NJsonSchema;
using NJsonSchema.Generation;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>
/// A property of any JSON (a <c>JsonElement</c>: metadata, a handler's input, an event's data) is the empty schema,
/// which null already satisfies. NSwag adds <c>nullable</c> to it, which OpenAPI 3.0 allows only beside a
/// <c>type</c> (linters reject it, and validators read it differently).
/// </summary>
internal sealed class AnyJsonSchemaProcessor : ISchemaProcessor
{
    public void Process(SchemaProcessorContext context)
    {
        IEnumerable<JsonSchema?> schemas = [context.Schema, .. context.Schema.Properties.Values, context.Schema.AdditionalPropertiesSchema];
        foreach (var schema in schemas.OfType<JsonSchema>())
        {
            if (schema.IsNullableRaw == true && schema.Type == JsonObjectType.None && !schema.HasReference && schema.OneOf.Count == 0)
            {
                schema.IsNullableRaw = null;
            }
        }
    }
}
