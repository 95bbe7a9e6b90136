using static TaskOrchestration.WebApi.FunctionalTests.Fuzz.Expectation;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>Bearer tokens that must not let anyone in, made once per run (they need the API's key, or a user id).</summary>
internal sealed record BadTokens(string Expired, string SignedByAnotherKey, string Unsigned);

/// <summary>
/// Mutations of the headers the API reads: Authorization (on every operation), Accept (every answer, errors
/// included), If-Match and Idempotency-Key (where the document declares them). Content-Type goes with the body.
/// </summary>
internal sealed class HeaderMutations(BadTokens tokens)
{
    public const string IfMatch = "If-Match";
    public const string IdempotencyKey = "Idempotency-Key";

    public IEnumerable<Mutation> For(ApiOperation operation)
    {
        foreach (var mutation in Authorization(operation))
        {
            yield return mutation;
        }

        foreach (var mutation in Accept(operation))
        {
            yield return mutation;
        }

        var ifMatch = operation.Declares(IfMatch);
        foreach (var (value, expectation, text, core) in IfMatchValues())
        {
            // Operations that declare no If-Match ignore it, whatever it holds: one value shows it.
            yield return Header(IfMatch, value, ifMatch ? expectation : AnyAnswer, text).CoreIf(ifMatch ? core : value == "garbage");
        }

        if (operation.Declares(IdempotencyKey))
        {
            yield return Header(IdempotencyKey, "empty", AnyAnswer, string.Empty);
            yield return Header(IdempotencyKey, "10,000 characters", AnyAnswer, new string('k', 10_000));
            yield return Header(IdempotencyKey, "unicode", AnyAnswer, "cl\u00E9-\U0001F9E8-\u202E");
            yield return Header(IdempotencyKey, "SQL injection", AnyAnswer, "'; DROP TABLE idempotency_keys; --");
            yield return Header(IdempotencyKey, "a key used before", AnyAnswer, "fuzz-key");
            yield return new Mutation($"header {IdempotencyKey}", "a key used before, another body", AnyAnswer, (request, _) =>
                request.WithHeader(IdempotencyKey, "fuzz-key").WithBody(request.Body?.Replace("\"title\":\"", "\"title\":\"Other ", StringComparison.Ordinal))).Alone();
        }
    }

    private IEnumerable<Mutation> Authorization(ApiOperation operation)
    {
        var refused = operation.RequiresToken ? Refusal : AnyAnswer;
        const string target = "header Authorization";
        yield return new(target, "none", refused, (request, _) => request with { SendsCallerToken = false });
        foreach (var (value, text, core) in new[]
        {
            ("not a JWT", "Bearer not-a-jwt", true),
            ("expired", "Bearer " + tokens.Expired, true),
            ("signed by another key", "Bearer " + tokens.SignedByAnotherKey, true),
            ("unsigned (alg none)", "Bearer " + tokens.Unsigned, true),
            ("Basic credentials", "Basic dXNlcjpwYXNzd29yZA==", true),
            ("scheme without a token", "Bearer", false),
            ("three garbage segments", "Bearer a.b.c", false),
            ("16 KB of garbage", "Bearer " + new string('g', 16_384), false),
            ("non-ASCII", "Bearer t\u00F6k\u00E9n", false),
        })
        {
            yield return new Mutation(target, value, refused, (request, _) => request.WithHeader("Authorization", text) with { SendsCallerToken = false }).CoreIf(core);
        }

        yield return new(target, "the caller's token after extra text", refused, (request, context) =>
            request.WithHeader("Authorization", $"Bearer {context.Setup.CallerToken ?? "none"} extra") with { SendsCallerToken = false });
        yield return new(target, "the caller's token, scheme in lower case", AnyAnswer, (request, context) =>
            context.Setup.CallerToken is { } token ? request.WithHeader("Authorization", $"bearer {token}") with { SendsCallerToken = false } : request);
    }

    private static IEnumerable<Mutation> Accept(ApiOperation operation)
    {
        foreach (var accept in new[] { "text/html", "application/xml", "text/plain", "*/*", "application/problem+json", ";;;", "application/json;q=0" })
        {
            yield return Header("Accept", accept, AnyAnswer, accept).CoreIf(accept is "text/html" or ";;;");
        }

        // An error answer is a problem whatever the client said it accepts.
        if (operation.RequiresToken)
        {
            yield return new Mutation("header Accept", "text/html, and no token", Refusal, (request, _) => request.WithHeader("Accept", "text/html") with { SendsCallerToken = false }).Alone();
        }

        if (operation.Body is { Required: true })
        {
            yield return new Mutation("header Accept", "application/xml, and a broken body", Refusal, (request, _) => request.WithHeader("Accept", "application/xml").WithBody("{")).Alone();
        }

        if (operation.In("path").Any())
        {
            yield return new Mutation("header Accept", "text/html, and an unknown id", Refusal, (request, context) =>
                operation.In("path").Aggregate(request.WithHeader("Accept", "text/html"), (current, parameter) => current.WithPathValue(parameter.Name, context.Setup.Hints.UnknownId.ToString()))).Alone();
        }
    }

    private static IEnumerable<(string Value, Expectation Expectation, string Text, bool Core)> IfMatchValues()
    {
        yield return ("garbage", Refusal, "nonsense", true);
        yield return ("any version (*)", AnyAnswer, "*", true);
        yield return ("weak", Refusal, "W/\"1\"", true);
        yield return ("two ETags", Refusal, "\"1\", \"2\"", true);
        yield return ("past uint", Refusal, "\"4294967296\"", true);
        yield return ("empty quotes", Refusal, "\"\"", true);
        yield return ("a version nothing has", Refusal, "\"0\"", true);
        yield return ("a hundred ETags", Refusal, string.Join(", ", Enumerable.Range(1, 100).Select(version => $"\"{version}\"")), false);
        yield return ("negative", Refusal, "\"-1\"", false);
        yield return ("unquoted", Refusal, "1", false);
        yield return ("8 KB", Refusal, "\"" + new string('9', 8_192) + "\"", false);
    }

    private static Mutation Header(string name, string value, Expectation expectation, string text) =>
        new($"header {name}", value, expectation, (request, _) => request.WithHeader(name, text));
}
