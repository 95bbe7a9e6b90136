using System.Text.Json.Nodes;

namespace TaskOrchestration.WebApi.FunctionalTests.Infrastructure.Conformance;

/// <summary>
/// Turns the schemas of an OpenAPI document into JSON Schema 2020-12, which the validator speaks. OpenAPI 3.1 schemas
/// already are; OpenAPI 3.0 schemas differ in what a document of that version may say: <c>nullable: true</c> beside a
/// <c>type</c> admits null too (and adds null to an <c>enum</c>), and <c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>
/// are booleans that qualify <c>minimum</c>/<c>maximum</c>. <c>nullable: true</c> beside a <c>oneOf</c> or <c>allOf</c>
/// of one <c>$ref</c> (NSwag's nullable reference, with the referenced schema's <c>type</c> beside it) reads "this, or
/// null", as its generator and the clients generated from it mean it: the letter of OpenAPI 3.0.3 (section 4.7.24)
/// leaves it open. References to <c>#/components/schemas/X</c> become references to the one schema
/// resource that holds them all (<see cref="ComponentsUri"/>).
/// </summary>
internal static class DocumentSchemas
{
    public static readonly Uri ComponentsUri = new("https://openapi.conformance.test/components");
    private const string ComponentsPrefix = "#/components/schemas/";

    /// <summary>A JSON Schema resource whose <c>$defs</c> are the document's <c>components/schemas</c>.</summary>
    public static JsonObject Components(JsonObject document, bool openApi30)
    {
        var schemas = document["components"]?["schemas"]?.DeepClone() as JsonObject ?? [];
        foreach (var (_, schema) in schemas)
        {
            Convert(schema, openApi30);
        }

        return new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = ComponentsUri.ToString(),
            ["$defs"] = schemas,
        };
    }

    /// <summary>A copy of <paramref name="schema"/> (found elsewhere in the document, such as a response's) in JSON Schema 2020-12.</summary>
    public static JsonNode Standalone(JsonNode schema, bool openApi30)
    {
        var copy = schema.DeepClone();
        Convert(copy, openApi30);
        return copy;
    }

    /// <summary>Where a validation error points in the document's own terms (#/components/schemas/X/...).</summary>
    public static string InDocumentTerms(string schemaLocation) =>
        schemaLocation.Replace(ComponentsUri + "#/$defs/", ComponentsPrefix, StringComparison.Ordinal);

    private static void Convert(JsonNode? node, bool openApi30)
    {
        switch (node)
        {
            case JsonObject schema:
                ConvertKeywords(schema, openApi30);
                // Every value of a schema object is walked: subschemas sit under many keywords (properties, items,
                // allOf...), and the keywords converted are recognised by their value's kind, not by their position.
                foreach (var (_, value) in schema.ToList())
                {
                    Convert(value, openApi30);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Convert(item, openApi30);
                }

                break;
        }
    }

    private static void ConvertKeywords(JsonObject schema, bool openApi30)
    {
        if (schema["$ref"] is JsonValue reference && reference.TryGetValue(out string? target) && target.StartsWith(ComponentsPrefix, StringComparison.Ordinal))
        {
            schema["$ref"] = $"{ComponentsUri}#/$defs/{target[ComponentsPrefix.Length..]}";
        }

        if (!openApi30)
        {
            return;
        }

        if (schema["nullable"] is JsonValue nullable && nullable.TryGetValue(out bool isNullable))
        {
            schema.Remove("nullable");
            var composed = schema["oneOf"] is not null || schema["allOf"] is not null || schema["anyOf"] is not null;
            if (isNullable && !composed && schema["type"] is JsonValue type && type.TryGetValue(out string? typeName))
            {
                schema["type"] = new JsonArray(typeName, "null");
                if (schema["enum"] is JsonArray values && !values.Any(value => value is null))
                {
                    values.Add(null);
                }
            }
            else if (isNullable && (composed || schema["type"] is null))
            {
                var keywords = schema.ToList();
                schema.Clear();
                schema["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, new JsonObject(keywords));
            }
        }

        ConvertExclusiveBound(schema, "exclusiveMinimum", "minimum");
        ConvertExclusiveBound(schema, "exclusiveMaximum", "maximum");
    }

    private static void ConvertExclusiveBound(JsonObject schema, string exclusive, string bound)
    {
        if (schema[exclusive] is JsonValue flag && flag.TryGetValue(out bool isExclusive))
        {
            schema.Remove(exclusive);
            if (isExclusive && schema[bound] is { } limit)
            {
                schema.Remove(bound);
                schema[exclusive] = limit;
            }
        }
    }
}
