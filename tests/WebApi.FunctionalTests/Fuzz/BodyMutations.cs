using System.Text.Json;
using System.Text.Json.Nodes;
using static TaskOrchestration.WebApi.FunctionalTests.Fuzz.Expectation;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>
/// Mutations of the request body, from its schema: the whole body (broken, truncated, nested, of the wrong media
/// type), each property (null, left out, duplicated, of the wrong type, hostile text, out-of-range numbers), and a body
/// sent to an operation that takes none.
/// </summary>
internal sealed class BodyMutations(SchemaValues values)
{
    /// <summary>Written where a mutated value goes, then replaced by the raw JSON text (which may not be valid JSON).</summary>
    private const string Placeholder = "\u0001fuzz-placeholder\u0001";

    private static readonly string PlaceholderJson = JsonSerializer.Serialize(Placeholder);

    public IEnumerable<Mutation> For(ApiOperation operation)
    {
        if (operation.Body is not { } body)
        {
            yield return new("body", "JSON on an operation that takes none", AnyAnswer, (request, _) => request.WithBody("""{"unexpected":true}"""));
            yield return new("body", "text on an operation that takes none", AnyAnswer, (request, _) => request.WithBody("not json at all", "text/plain"));
            yield break;
        }

        foreach (var mutation in WholeBody(body))
        {
            yield return mutation;
        }

        foreach (var mutation in MediaTypes(body))
        {
            yield return mutation;
        }

        foreach (var mutation in Properties(body.Schema, "body", []))
        {
            yield return mutation;
        }
    }

    private IEnumerable<Mutation> WholeBody(ApiRequestBody body)
    {
        var leftOut = !body.Required || ApiDescription.AdmitsNull(body.Schema) ? AnyAnswer : Refusal;
        var bodies = new (string Value, Expectation Expectation, Func<string?, string?> Body, bool Core)[]
        {
            ("empty", leftOut, _ => string.Empty, true),
            ("none, no content type", leftOut, _ => null, true),
            ("JSON null", leftOut, _ => "null", true),
            ("JSON array instead of an object", Refusal, _ => "[]", true),
            ("JSON string instead of an object", Refusal, _ => "\"text\"", false),
            ("JSON number instead of an object", Refusal, _ => "42", false),
            ("truncated in the middle", Refusal, valid => valid is { Length: > 1 } ? valid[..(valid.Length / 2)] : "{", true),
            ("trailing comma", Refusal, valid => valid is not null && valid.EndsWith('}') ? valid[..^1] + ",}" : "{,}", true),
            ("objects nested 200 deep", Refusal, _ => string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200), true),
            ("10,000 open brackets", Refusal, _ => new string('[', 10_000), true),
            ("unclosed object", Refusal, _ => "{", false),
            ("member without a value", Refusal, _ => """{"a":}""", false),
            ("single quotes", Refusal, valid => valid?.Replace('"', '\'') ?? "{'a':1}", false),
            ("comment", Refusal, valid => "/* comment */" + valid, false),
            ("NaN literal", Refusal, _ => """{"a":NaN}""", false),
            ("invalid escape", Refusal, _ => "{\"a\":\"\\uZZZZ\"}", false),
            ("two JSON documents", Refusal, valid => valid + valid, false),
            ("byte-order mark before the JSON", AnyAnswer, valid => "\uFEFF" + valid, false),
        };
        foreach (var (value, expectation, text, core) in bodies)
        {
            yield return new Mutation("body", value, expectation, (request, _) => request.WithBody(text(request.Body))).CoreIf(core);
        }

        var unknownExpected = SchemaValues.AllowsUnknownProperties(values.Resolve(body.Schema)) ? AnyAnswer : Refusal;
        yield return new("body", "unknown property", unknownExpected, (request, _) => WithProperty(request, ["unknownProperty"], "1"));
        // Property names are matched ignoring case, so this is the first property twice.
        yield return new("body", "first property again in upper case", Refusal, (request, _) =>
            request.Json is JsonObject json && json.FirstOrDefault() is { Key: { } first } ? WithProperty(request, [first.ToUpperInvariant()], json[first]?.ToJsonString() ?? "null") : request);
    }

    private static IEnumerable<Mutation> MediaTypes(ApiRequestBody body)
    {
        var wrongType = body.Required ? Refusal : AnyAnswer;
        var mediaTypes = new (string Value, Expectation Expectation, string? ContentType, string? Body, bool Core)[]
        {
            ("missing", wrongType, null, null, true),
            ("text/plain", wrongType, "text/plain", null, true),
            ("form", wrongType, "application/x-www-form-urlencoded", "title=a&name=b", true),
            ("unknown charset", AnyAnswer, "application/json; charset=no-such-charset", null, true),
            ("multipart", wrongType, "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n", false),
            ("application/xml", wrongType, "application/xml", "<a>b</a>", false),
            ("garbage", wrongType, ";;;", null, false),
            ("JSON in UTF-16 (the body is UTF-8)", AnyAnswer, "application/json; charset=utf-16", null, false),
            ("a +json media type", AnyAnswer, "application/merge-patch+json", null, false),
        };
        foreach (var (value, expectation, contentType, text, core) in mediaTypes)
        {
            yield return new Mutation("header Content-Type", value, expectation, (request, _) =>
                (text is null ? request : request.WithBody(text)) with { ContentType = contentType }).CoreIf(core);
        }
    }

    /// <summary>Mutations of every property of an object schema at <paramref name="path"/>, and of the objects inside it.</summary>
    private IEnumerable<Mutation> Properties(JsonElement schema, string target, object[] path)
    {
        foreach (var (name, propertySchema, required, nullable) in values.PropertiesOf(schema))
        {
            object[] propertyPath = [.. path, name];
            var propertyTarget = $"{target}.{name}";
            yield return new(propertyTarget, "null", nullable ? AnyAnswer : Refusal, (request, _) => WithProperty(request, propertyPath, "null"));
            yield return new(propertyTarget, "left out", required && !nullable ? Refusal : AnyAnswer, (request, _) => WithoutProperty(request, propertyPath));
            if (path.Length == 0)
            {
                yield return new(propertyTarget, "duplicate property", Refusal, (request, _) => WithDuplicate(request, name));
            }

            foreach (var mutation in Values(propertySchema, propertyTarget, propertyPath))
            {
                yield return mutation;
            }
        }
    }

    /// <summary>Wrong and hostile values for the value at <paramref name="path"/>, chosen by its schema's shape.</summary>
    private IEnumerable<Mutation> Values(JsonElement schema, string target, object[] path)
    {
        Mutation Set(string value, Expectation expectation, string text) => new(target, value, expectation, (request, _) => WithProperty(request, path, text));
        var resolved = values.Resolve(schema);
        var shape = values.ShapeOf(schema);
        if (shape is SchemaShape.Text or SchemaShape.Uuid or SchemaShape.DateTime or SchemaShape.Enum)
        {
            yield return Set("number instead of text", Refusal, "12345");
            yield return Set("object instead of text", Refusal, "{}");
            yield return Set("array instead of text", Refusal, "[\"a\"]");
        }

        switch (shape)
        {
            case SchemaShape.Text:
                foreach (var hostile in HostileValues.JsonStrings)
                {
                    yield return Set(hostile.Name, AnyAnswer, hostile.Text).CoreIf(hostile.Core);
                }

                if (SchemaValues.MaxLengthOf(resolved) is { } maxLength)
                {
                    yield return Set("one past maxLength", Refusal, JsonSerializer.Serialize(new string('x', maxLength + 1)));
                }

                break;
            case SchemaShape.Uuid:
                foreach (var hostile in HostileValues.JsonUuids)
                {
                    yield return Set(hostile.Name, hostile.Name == "empty uuid" ? AnyAnswer : Refusal, hostile.Text).CoreIf(hostile.Core);
                }

                yield return new(target, "unknown id", AnyAnswer, (request, context) => WithProperty(request, path, JsonSerializer.Serialize(context.Setup.Hints.UnknownId)));
                break;
            case SchemaShape.DateTime:
                foreach (var hostile in HostileValues.JsonDateTimes)
                {
                    var malformed = hostile.Name is "month 13, hour 99" or "30 February" or "a word" or "unix seconds";
                    yield return Set(hostile.Name, malformed ? Refusal : AnyAnswer, hostile.Text).CoreIf(hostile.Core);
                }

                break;
            case SchemaShape.Enum:
                foreach (var hostile in HostileValues.JsonEnums)
                {
                    var upper = hostile.Text.Replace("{UPPER}", values.EnumValuesOf(schema)[0].ToUpperInvariant(), StringComparison.Ordinal);
                    yield return Set(hostile.Name, hostile.Name == "enum value in upper case" ? AnyAnswer : Refusal, upper).CoreIf(hostile.Core);
                }

                break;
            case SchemaShape.Integer or SchemaShape.Number:
                foreach (var hostile in HostileValues.JsonNumbers)
                {
                    var neverAnInt32 = hostile.Name is "int32 overflow" or "int32 underflow" or "int64 overflow" or "beyond double" or "beyond double, negative" or "fraction"
                        || hostile.Text.StartsWith('"');
                    yield return Set(hostile.Name, neverAnInt32 && shape == SchemaShape.Integer ? Refusal : AnyAnswer, hostile.Text).CoreIf(hostile.Core);
                }

                foreach (var (keyword, step) in new[] { ("minimum", -1), ("maximum", 1) })
                {
                    if (SchemaValues.Bound(resolved, keyword) is { } bound)
                    {
                        yield return Set($"just past the {keyword}", Refusal, (bound + step).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                }

                break;
            case SchemaShape.Boolean:
                foreach (var hostile in HostileValues.JsonBooleans)
                {
                    yield return Set(hostile.Name, Refusal, hostile.Text).CoreIf(hostile.Core);
                }

                break;
            case SchemaShape.Array:
                foreach (var mutation in ArrayValues(schema, target, path))
                {
                    yield return mutation;
                }

                break;
            case SchemaShape.Object:
                yield return Set("array instead of an object", Refusal, "[]");
                yield return Set("text instead of an object", Refusal, "\"text\"");
                foreach (var mutation in Properties(schema, target, path))
                {
                    yield return mutation;
                }

                break;
            default:
                foreach (var hostile in HostileValues.AnyJson)
                {
                    yield return Set(hostile.Name, AnyAnswer, hostile.Text).CoreIf(hostile.Core);
                }

                break;
        }
    }

    private IEnumerable<Mutation> ArrayValues(JsonElement schema, string target, object[] path)
    {
        yield return new(target, "object instead of an array", Refusal, (request, _) => WithProperty(request, path, "{}"));
        yield return new Mutation(target, "text instead of an array", Refusal, (request, _) => WithProperty(request, path, "\"a\"")).AsExtra();
        yield return new(target, "empty array", AnyAnswer, (request, _) => WithProperty(request, path, "[]"));
        yield return new(target, "null item", AnyAnswer, (request, _) => WithProperty(request, path, "[null]"));
        yield return new Mutation(target, "the same item twice", AnyAnswer, (request, _) => WithProperty(request, path, Repeat(request, path, 2))).AsExtra();
        yield return new(target, "1,000 items", AnyAnswer, (request, _) => WithProperty(request, path, Repeat(request, path, 1_000)));
        if (values.ItemsOf(schema) is { } items)
        {
            foreach (var mutation in Values(items, $"{target}[0]", [.. path, 0]))
            {
                yield return mutation;
            }
        }
    }

    /// <summary>The array at <paramref name="path"/> with its first item <paramref name="count"/> times.</summary>
    private static string Repeat(FuzzRequest request, object[] path, int count)
    {
        var item = Find(request.Json, path) is JsonArray { Count: > 0 } array ? array[0]?.ToJsonString() ?? "null" : "\"a\"";
        return "[" + string.Join(",", Enumerable.Repeat(item, count)) + "]";
    }

    /// <summary>The request with the value at <paramref name="path"/> replaced by raw JSON text (created when missing).</summary>
    public static FuzzRequest WithProperty(FuzzRequest request, object[] path, string rawJson)
    {
        if (request.Json is not JsonObject original)
        {
            return request;
        }

        var json = original.DeepClone();
        switch (path[^1], Find(json, path[..^1]))
        {
            case (string name, JsonObject container):
                container[name] = Placeholder;
                break;
            case (int item, JsonArray container) when container.Count > item:
                container[item] = Placeholder;
                break;
            default:
                return request;
        }

        var text = json.ToJsonString().Replace(PlaceholderJson, rawJson, StringComparison.Ordinal);
        return request.WithBody(text, request.ContentType);
    }

    private static FuzzRequest WithoutProperty(FuzzRequest request, object[] path)
    {
        var json = request.Json?.DeepClone();
        if (Find(json, path[..^1]) is not JsonObject container)
        {
            return request;
        }

        container.Remove((string)path[^1]);
        return request with { Json = json };
    }

    /// <summary>The top-level property written twice, with the same value: a strict reader refuses it either way.</summary>
    private static FuzzRequest WithDuplicate(FuzzRequest request, string name)
    {
        if (request.Json is not JsonObject json || !json.TryGetPropertyValue(name, out var value))
        {
            return request;
        }

        var text = json.ToJsonString();
        return request.WithBody("{" + JsonSerializer.Serialize(name) + ":" + (value?.ToJsonString() ?? "null") + "," + text[1..], request.ContentType);
    }

    private static JsonNode? Find(JsonNode? node, object[] path)
    {
        foreach (var step in path)
        {
            node = step switch
            {
                string name when node is JsonObject container => container[name],
                int item when node is JsonArray array && array.Count > item => array[item],
                _ => null,
            };
        }

        return node;
    }
}
