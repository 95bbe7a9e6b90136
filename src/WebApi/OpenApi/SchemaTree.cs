using NJsonSchema;

namespace TaskOrchestration.WebApi.OpenApi;

/// <summary>The schemas directly inside a schema, for the processors that walk a document's schemas.</summary>
internal static class SchemaTree
{
    /// <summary>Its properties, items, map values and compositions (not what it references).</summary>
    public static IEnumerable<JsonSchema> Children(JsonSchema schema) =>
        new JsonSchema?[] { schema.Item, schema.AdditionalPropertiesSchema }
            .Concat(schema.Properties.Values)
            .Concat(schema.Items)
            .Concat(schema.AllOf)
            .Concat(schema.OneOf)
            .Concat(schema.AnyOf)
            .OfType<JsonSchema>();
}
