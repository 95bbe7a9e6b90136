using System.Text.Json;
using static TaskOrchestration.WebApi.FunctionalTests.Fuzz.Expectation;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>
/// Mutations of the query string and the path, from each parameter's schema: values of the wrong type or out of
/// range, repeated, empty, very long or hostile; ids that are malformed, unknown, or of another kind of thing.
/// </summary>
internal sealed class ParameterMutations(SchemaValues values)
{
    public IEnumerable<Mutation> For(ApiOperation operation)
    {
        foreach (var parameter in operation.In("query"))
        {
            foreach (var mutation in Query(parameter))
            {
                yield return mutation;
            }
        }

        yield return new("query.unknownParameter", "an unknown parameter", AnyAnswer, (request, _) => request.WithQuery("unknownParameter", "1"));

        foreach (var parameter in operation.In("path"))
        {
            foreach (var mutation in Path(operation, parameter))
            {
                yield return mutation;
            }
        }
    }

    private IEnumerable<Mutation> Query(ApiParameter parameter)
    {
        var name = parameter.Name;
        var target = $"query.{name}";
        Mutation Set(string value, Expectation expectation, params string[] texts) => new(target, value, expectation, (request, _) => request.WithQuery(name, texts));

        var isArray = values.ShapeOf(parameter.Schema) == SchemaShape.Array;
        var itemSchema = isArray ? values.ItemsOf(parameter.Schema) ?? parameter.Schema : parameter.Schema;
        foreach (var (hostile, expectation) in Typed(itemSchema))
        {
            yield return Set(hostile.Name, expectation, hostile.Text).CoreIf(hostile.Core);
        }

        // Hostile text matters where text is read as text; a typed parameter refuses it while parsing, which a few show.
        var readAsText = values.ShapeOf(itemSchema) == SchemaShape.Text;
        foreach (var hostile in HostileValues.UrlTexts)
        {
            yield return Set(hostile.Name, AnyAnswer, hostile.Text).CoreIf(readAsText || hostile.Name is "empty" or "10,000 characters" or "NUL" or "invalid UTF-8");
        }

        yield return new(target, "repeated", AnyAnswer, (request, _) =>
            request.WithQuery(name, [.. request.Query.Where(pair => pair.Key == name).Select(pair => pair.Value).DefaultIfEmpty("1"), "2"]));
        if (isArray)
        {
            yield return new(target, "repeated 1,000 times", AnyAnswer, (request, _) =>
                request.WithQuery(name, [.. Enumerable.Repeat(request.Query.FirstOrDefault(pair => pair.Key == name).Value ?? "a", 1_000)]));
        }

        if (isArray && values.ShapeOf(itemSchema) == SchemaShape.Enum)
        {
            yield return new(target, "a valid and an unknown value", Refusal, (request, _) =>
                request.WithQuery(name, request.Query.First(pair => pair.Key == name).Value, "notAValue"));
        }
    }

    /// <summary>Values that are wrong for the parameter's type: refused when no reading of the type accepts them.</summary>
    private IEnumerable<(HostileValue Value, Expectation Expectation)> Typed(JsonElement schema)
    {
        switch (values.ShapeOf(schema))
        {
            case SchemaShape.Integer:
                foreach (var hostile in HostileValues.UrlIntegers)
                {
                    yield return (hostile, hostile.Name is "minus one" or "zero" ? AnyAnswer : Refusal);
                }

                break;
            case SchemaShape.Boolean:
                foreach (var hostile in HostileValues.UrlBooleans)
                {
                    yield return (hostile, Refusal);
                }

                break;
            case SchemaShape.Uuid:
                foreach (var hostile in HostileValues.UrlUuids)
                {
                    yield return (hostile, hostile.Name is "not a uuid" or "a number" ? Refusal : AnyAnswer);
                }

                break;
            case SchemaShape.DateTime:
                foreach (var hostile in HostileValues.UrlDateTimes)
                {
                    yield return (hostile, hostile.Name is "not a date" or "month 13" or "offset out of range" ? Refusal : AnyAnswer);
                }

                break;
            case SchemaShape.Enum:
                foreach (var hostile in HostileValues.UrlEnums)
                {
                    var text = hostile.Text.Replace("{UPPER}", values.EnumValuesOf(schema)[0].ToUpperInvariant(), StringComparison.Ordinal);
                    yield return (hostile with { Text = text }, hostile.Name == "enum in upper case" ? AnyAnswer : Refusal);
                }

                break;
            default:
                break;
        }
    }

    private static IEnumerable<Mutation> Path(ApiOperation operation, ApiParameter parameter)
    {
        var name = parameter.Name;
        var target = $"path.{name}";
        Mutation Set(string value, Expectation expectation, string text) => new(target, value, expectation, (request, _) => request.WithPathValue(name, text));

        // Removing what is not there may succeed: DELETE is idempotent.
        var unknownRefused = operation.Method == "DELETE" ? AnyAnswer : Refusal;
        yield return new(target, "unknown id", unknownRefused, (request, context) => request.WithPathValue(name, context.Setup.Hints.UnknownId.ToString()));
        yield return new(target, "an existing id of another kind", unknownRefused, (request, context) => request.WithPathValue(name, context.Setup.IdsOfAnotherKind[name]));
        yield return new(target, "existing id in upper case", AnyAnswer, (request, _) => request.WithPathValue(name, request.PathValues[name].ToUpperInvariant()));
        if (FuzzTargets.HasAlternative(operation, name))
        {
            yield return new(target, "another existing one", AnyAnswer, (request, context) => request.WithPathValue(name, context.Setup.Alternatives[name]));
        }

        yield return Set("not a uuid", Refusal, "not-a-guid");
        yield return Set("empty uuid", unknownRefused, Guid.Empty.ToString());
        yield return Set("5,000 characters", Refusal, new string('a', 5_000));
        yield return Set("dot segments", AnyAnswer, "..%2F..%2F").AsExtra();
        // No NUL: the test server's client refuses to send one in a path, and Kestrel refuses it before the app sees it.
        foreach (var hostile in HostileValues.UrlTexts.Where(hostile => hostile.Text.Length is > 0 and < 100 && !hostile.Text.Contains("%00", StringComparison.Ordinal)))
        {
            yield return Set(hostile.Name, AnyAnswer, hostile.Text).CoreIf(hostile.Name is "SQL injection" or "emoji" or "invalid UTF-8" or "bare percent");
        }
    }
}
