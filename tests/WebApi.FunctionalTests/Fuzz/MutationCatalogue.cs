using System.Text;
using static TaskOrchestration.WebApi.FunctionalTests.Fuzz.Expectation;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>
/// Every mutation of an operation: the core set, sent to every operation on every run whatever the machine's speed,
/// and random ones (core mutations combined across channels, random text and bytes) for the time that is left.
/// </summary>
internal sealed class MutationCatalogue(SchemaValues values, BadTokens tokens)
{
    private readonly BodyMutations _body = new(values);
    private readonly ParameterMutations _parameters = new(values);
    private readonly HeaderMutations _headers = new(tokens);
    private readonly Dictionary<string, IReadOnlyList<Mutation>> _all = new(StringComparer.Ordinal);

    public static readonly Mutation None = new("request", FuzzRequest.Baseline, AnyAnswer, (request, _) => request);

    /// <summary>The baseline first, then the core mutations of the body, the parameters and the headers.</summary>
    public IEnumerable<Mutation> Core(ApiOperation operation) => All(operation).Where(mutation => mutation.Core);

    /// <summary>A random mutation: one to three catalogued mutations on distinct channels, or a random value where text goes.</summary>
    public Mutation Random(ApiOperation operation, Random random)
    {
        var all = All(operation).Skip(1).ToList();
        if (random.Next(4) == 0)
        {
            return RandomText(operation, random);
        }

        var first = all[random.Next(all.Count)];
        if (!first.Combinable)
        {
            return first;
        }

        var picked = new List<Mutation> { first };
        foreach (var _ in Enumerable.Range(0, random.Next(0, 3)))
        {
            var candidate = all[random.Next(all.Count)];
            if (candidate.Combinable && picked.All(mutation => mutation.Channel != candidate.Channel))
            {
                picked.Add(candidate);
            }
        }

        return picked.Count == 1 ? picked[0] : Mutation.Combine(picked);
    }

    private IReadOnlyList<Mutation> All(ApiOperation operation)
    {
        if (!_all.TryGetValue(operation.Key, out var all))
        {
            all = [None, .. _body.For(operation), .. _parameters.For(operation), .. _headers.For(operation)];
            _all[operation.Key] = all;
        }

        return all;
    }

    /// <summary>Random code points (surrogates, controls and noncharacters included) in a text property or query parameter, or random bytes as the body.</summary>
    private Mutation RandomText(ApiOperation operation, Random random)
    {
        var text = RandomString(random, random.Next(1, 300));
        var textProperties = operation.Body is { } body
            ? values.PropertiesOf(body.Schema).Where(property => values.ShapeOf(property.Schema) == SchemaShape.Text).Select(property => property.Name).ToList()
            : [];
        var queryParameters = operation.In("query").Select(parameter => parameter.Name).ToList();

        switch (random.Next(3))
        {
            case 0 when textProperties.Count > 0:
                var property = textProperties[random.Next(textProperties.Count)];
                var json = JsonEscaped(text);
                return new Mutation($"body.{property}", "random text", AnyAnswer, (request, _) => BodyMutations.WithProperty(request, [property], json));
            case 1 when queryParameters.Count > 0:
                var parameter = queryParameters[random.Next(queryParameters.Count)];
                var encoded = string.Concat(Encoding.UTF8.GetBytes(text).Select(octet => $"%{octet:X2}"));
                return new Mutation($"query.{parameter}", "random text", AnyAnswer, (request, _) => request.WithQuery(parameter, encoded));
            default:
                var bytes = new byte[random.Next(1, 2_000)];
                random.NextBytes(bytes);
                var garbage = Encoding.Latin1.GetString(bytes);
                return new Mutation("body", "random bytes", operation.Body is { Required: true } ? Refusal : AnyAnswer, (request, _) => request.WithBody(garbage));
        }
    }

    /// <summary>Code points from every plane and category, lone surrogates included (which only a JSON escape can carry).</summary>
    private static string RandomString(Random random, int length)
    {
        var builder = new StringBuilder(length);
        for (var index = 0; index < length; index++)
        {
            builder.Append(random.Next(6) switch
            {
                0 => (char)random.Next(0, 0x20),
                1 => (char)random.Next(0xD800, 0xE000),
                2 => (char)random.Next(0xFFF0, 0x10000),
                3 => char.ConvertFromUtf32(random.Next(0x1F300, 0x1FAFF)),
                4 => (char)random.Next(0x300, 0x370),
                _ => (char)random.Next(0x20, 0x7F),
            });
        }

        return builder.ToString();
    }

    /// <summary>A JSON string literal that escapes every non-ASCII UTF-16 unit, so lone surrogates survive as <c>\uD800</c>.</summary>
    private static string JsonEscaped(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var unit in text)
        {
            builder.Append(unit is < ' ' or > '~' or '"' or '\\' ? $"\\u{(int)unit:X4}" : unit.ToString());
        }

        return builder.Append('"').ToString();
    }
}
