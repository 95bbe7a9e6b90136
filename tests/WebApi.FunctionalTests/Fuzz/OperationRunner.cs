using System.Diagnostics;
using System.Text;

namespace TaskOrchestration.WebApi.FunctionalTests.Fuzz;

/// <summary>How long the random phase may go on: until either runs out. The core phase is never cut.</summary>
internal sealed record FuzzBudget(TimeSpan Time, int RandomRequests);

/// <summary>
/// Sends the mutations: first the core set of every operation (the baseline and every catalogued mutation as the
/// admin, a seeded share of them as the member and anonymously), then random ones while the budget lasts. Every
/// answer is checked against <see cref="AnswerRules"/>, and every failure recorded with its request.
/// </summary>
internal sealed class OperationRunner(HttpClient client, FuzzWorld world, SchemaValues values, MutationCatalogue catalogue, FuzzReport report, Random random)
{
    private const int Prefix = 600;

    /// <summary>One in this many core mutations is sent as the member too, and one in twice as many anonymously.</summary>
    private const int MemberShare = 10;

    public async Task RunCoreAsync(IEnumerable<ApiOperation> operations)
    {
        foreach (var operation in operations)
        {
            foreach (var mutation in catalogue.Core(operation))
            {
                await SendAsync(operation, world.Admin, mutation, core: true);
                if (mutation == MutationCatalogue.None || random.Next(MemberShare) == 0)
                {
                    await SendAsync(operation, world.Member, mutation, core: true);
                }

                if (mutation == MutationCatalogue.None || random.Next(MemberShare * 2) == 0)
                {
                    await SendAsync(operation, world.Anonymous, mutation, core: true);
                }
            }
        }
    }

    public async Task RunRandomAsync(IReadOnlyList<ApiOperation> operations, FuzzBudget budget, Stopwatch clock)
    {
        FuzzCaller[] callers = [world.Admin, world.Admin, world.Admin, world.Member, world.Member, world.Anonymous];
        for (var sent = 0; sent < budget.RandomRequests && clock.Elapsed < budget.Time; sent++)
        {
            var operation = operations[random.Next(operations.Count)];
            await SendAsync(operation, callers[random.Next(callers.Length)], catalogue.Random(operation, random), core: false);
        }
    }

    private async Task SendAsync(ApiOperation operation, FuzzCaller caller, Mutation mutation, bool core)
    {
        var setup = await world.SetupAsync(operation, caller);
        var request = mutation.ApplyTo(Baseline(operation, setup), new MutationContext(random, setup));
        using var message = request.ToHttpRequest(caller.Token);
        HttpResponseMessage response;
        string body;
        try
        {
            response = await client.SendAsync(message);
            body = await response.Content.ReadAsStringAsync();
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or InvalidOperationException or TaskCanceledException)
        {
            // The test server hands the client whatever escaped the pipeline: a server that answered nothing.
            report.Count(operation.Key, core, 0);
            report.Add(new FuzzFailure(AnswerRules.Threw, operation.Key, caller.Name, mutation, Describe(request, caller), Shorten(exception.ToString())));
            return;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            report.Count(operation.Key, core, status);
            var isAdminBaseline = caller == world.Admin && mutation == MutationCatalogue.None;
            if (AnswerRules.Broken(status, response.Content.Headers.ContentType, body, mutation.Expectation, isAdminBaseline) is { } rule)
            {
                var answer = $"{status} {response.Content.Headers.ContentType?.ToString() ?? "(no content type)"} {Shorten(body)}";
                report.Add(new FuzzFailure(rule, operation.Key, caller.Name, mutation, Describe(request, caller), answer));
            }

            await world.AfterAnswerAsync(operation, caller, request, response.StatusCode);
        }
    }

    /// <summary>A valid request: existing ids in the path, every query parameter, a body with every property.</summary>
    private FuzzRequest Baseline(ApiOperation operation, RequestSetup setup)
    {
        var query = operation.In("query")
            .Where(parameter => !setup.Hints.Omits(parameter.Name))
            .Select(parameter => new KeyValuePair<string, string>(parameter.Name, Uri.EscapeDataString(values.ValidText(parameter.Schema, parameter.Name, setup.Hints))))
            .ToList();
        return new FuzzRequest(
            operation,
            setup.PathValues,
            query,
            [],
            operation.Body is { } body ? values.Valid(body.Schema, null, setup.Hints) : null,
            RawBody: null,
            operation.Body?.MediaType,
            SendsCallerToken: true,
            FuzzRequest.Baseline);
    }

    /// <summary>The request as sent, for a failure message: method, URL, headers, body (long values shortened).</summary>
    private static string Describe(FuzzRequest request, FuzzCaller caller)
    {
        var text = new StringBuilder($"{request.Operation.Method} {Shorten(request.Url)}");
        if (request.SendsCallerToken && caller.User is not null)
        {
            text.Append("\nAuthorization: Bearer (the " + caller.Name + "'s token)");
        }

        foreach (var (name, value) in request.Headers)
        {
            text.Append("\n" + name + ": " + Shorten(value));
        }

        if (request.Body is { } body)
        {
            text.Append("\nContent-Type: " + (request.ContentType ?? "(none)") + "\n" + Shorten(body));
        }

        return text.ToString();
    }

    private static string Shorten(string text) => text.Length <= Prefix ? text : $"{text[..Prefix]}… ({text.Length} characters)";
}
