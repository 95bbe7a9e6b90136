using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>What kind of value a schema describes, as far as choosing good and bad values goes.</summary>
internal enum SchemaShape
{
    Text,
    Uuid,
    DateTime,
    Enum,
    Integer,
    Number,
    Boolean,
    Array,
    Object,

    /// <summary>No type at all (<c>metadata</c>, <c>input</c>): any JSON.</summary>
    AnyJson,
}

/// <summary>
/// Valid values from a schema: the first enum member, a date in the future, the lower bound of a range, every property
/// of an object. The document cannot say which ids exist or which email signs in, so <see cref="ValueHints"/> give
/// those by name; a hint wins over the schema.
/// </summary>
internal sealed class SchemaValues(ApiDescription api)
{
    /// <summary>A date-time every rule accepts: in the future, so that due dates and run-after times are valid.</summary>
    public static readonly DateTimeOffset FutureTime = new(2031, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public SchemaShape ShapeOf(JsonElement schema)
    {
        var resolved = api.Resolve(schema);
        if (resolved.ValueKind != JsonValueKind.Object)
        {
            return SchemaShape.AnyJson;
        }

        if (resolved.TryGetProperty("enum", out _))
        {
            return SchemaShape.Enum;
        }

        var type = resolved.TryGetProperty("type", out var declared) ? declared.GetString() : null;
        var format = resolved.TryGetProperty("format", out var declaredFormat) ? declaredFormat.GetString() : null;
        return (type, format) switch
        {
            ("string", "uuid") => SchemaShape.Uuid,
            ("string", "date-time") => SchemaShape.DateTime,
            ("string", _) => SchemaShape.Text,
            ("integer", _) => SchemaShape.Integer,
            ("number", _) => SchemaShape.Number,
            ("boolean", _) => SchemaShape.Boolean,
            ("array", _) => SchemaShape.Array,
            ("object", _) => SchemaShape.Object,
            _ when resolved.TryGetProperty("properties", out _) => SchemaShape.Object,
            _ => SchemaShape.AnyJson,
        };
    }

    public JsonElement Resolve(JsonElement schema) => api.Resolve(schema);

    /// <summary>The declared properties of an object schema, each with whether it is required and may be null.</summary>
    public IReadOnlyList<(string Name, JsonElement Schema, bool Required, bool Nullable)> PropertiesOf(JsonElement schema)
    {
        var resolved = api.Resolve(schema);
        if (resolved.ValueKind != JsonValueKind.Object || !resolved.TryGetProperty("properties", out var properties))
        {
            return [];
        }

        var required = resolved.TryGetProperty("required", out var names) ? names.EnumerateArray().Select(name => name.GetString()).ToHashSet() : [];
        return [.. properties.EnumerateObject().Select(property =>
            (property.Name, property.Value, required.Contains(property.Name), ApiDescription.AdmitsNull(property.Value) || ShapeOf(property.Value) == SchemaShape.AnyJson))];
    }

    public static bool AllowsUnknownProperties(JsonElement resolvedSchema) =>
        !(resolvedSchema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False);

    public JsonElement? ItemsOf(JsonElement schema) =>
        api.Resolve(schema).TryGetProperty("items", out var items) ? items : null;

    public IReadOnlyList<string> EnumValuesOf(JsonElement schema) =>
        api.Resolve(schema).TryGetProperty("enum", out var values)
            ? [.. values.EnumerateArray().Where(value => value.ValueKind == JsonValueKind.String).Select(value => value.GetString()!)]
            : [];

    public static int? MaxLengthOf(JsonElement resolvedSchema) =>
        resolvedSchema.TryGetProperty("maxLength", out var maxLength) ? maxLength.GetInt32() : null;

    public static long? Bound(JsonElement resolvedSchema, string keyword) =>
        resolvedSchema.TryGetProperty(keyword, out var bound) && bound.TryGetInt64(out var value) ? value : null;

    /// <summary>A valid value for <paramref name="schema"/>; <paramref name="name"/> is the property or parameter it is for.</summary>
    public JsonNode? Valid(JsonElement schema, string? name, ValueHints hints)
    {
        if (name is not null && hints.TryGet(name, out var hinted))
        {
            return hinted?.DeepClone();
        }

        var resolved = api.Resolve(schema);
        return ShapeOf(schema) switch
        {
            SchemaShape.Enum => JsonValue.Create(EnumValuesOf(schema)[0]),
            SchemaShape.Uuid => JsonValue.Create(hints.UnknownId),
            SchemaShape.DateTime => JsonValue.Create(FutureTime),
            SchemaShape.Text => JsonValue.Create(new string('f', Math.Max((int)(Bound(resolved, "minLength") ?? 1), Math.Min(4, MaxLengthOf(resolved) ?? 4)))),
            SchemaShape.Integer or SchemaShape.Number => JsonValue.Create(Bound(resolved, "minimum") ?? 1),
            SchemaShape.Boolean => JsonValue.Create(resolved.TryGetProperty("default", out var fallback) && fallback.ValueKind == JsonValueKind.True),
            SchemaShape.Array => ItemsOf(schema) is { } items ? new JsonArray(Valid(items, null, hints)) : new JsonArray(),
            SchemaShape.Object => ValidObject(schema, hints),
            _ => new JsonObject { ["fuzz"] = true },
        };
    }

    /// <summary>The text of a valid query, path or header value.</summary>
    public string ValidText(JsonElement schema, string name, ValueHints hints) => Valid(schema, name, hints) switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag ? "true" : "false",
        JsonValue value when value.TryGetValue<DateTimeOffset>(out var time) => time.ToString("O", CultureInfo.InvariantCulture),
        JsonArray array => array.Count > 0 && array[0] is JsonValue item && item.TryGetValue<string>(out var first) ? first : string.Empty,
        var other => other?.ToJsonString() ?? string.Empty,
    };

    private JsonObject ValidObject(JsonElement schema, ValueHints hints)
    {
        var value = new JsonObject();
        foreach (var (name, propertySchema, _, _) in PropertiesOf(schema))
        {
            if (!hints.Omits(name))
            {
                value[name] = Valid(propertySchema, name, hints);
            }
        }

        return value;
    }
}
