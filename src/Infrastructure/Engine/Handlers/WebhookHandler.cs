using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Infrastructure.Http;

namespace TaskOrchestration.Infrastructure.Engine.Handlers;

/// <summary>
/// <c>http.webhook</c>: POSTs the input's <c>body</c> (any JSON) to its <c>url</c>, which must be allowed by
/// <see cref="WorkerOptions.WebhookAllowedUrls"/> (<see cref="WebhookAllowList"/>), with the task's id as its
/// <c>Idempotency-Key</c> header: the same on every attempt, so the receiver can tell a retry from a new request. A 2xx
/// completes the task; a 5xx, 408, 429, a timeout or a network error fails the attempt (retried with backoff); any
/// other answer, a redirect included (never followed), or a URL not allowed, fails it for good. Such an input is
/// refused when the task is created already (<see cref="CheckInput"/>), and again when it runs, against the
/// allow-list of that moment.
/// </summary>
internal sealed class WebhookHandler(IHttpClientFactory httpClients, IOptions<WorkerOptions> options) : ITaskHandler
{
    public const string KindName = "http.webhook";
    public const string HttpClientName = "http.webhook";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>The problem code of a task created with a URL outside <see cref="WorkerOptions.WebhookAllowedUrls"/>.</summary>
    public const string UrlNotAllowedCode = "webhook_url_not_allowed";

    public string Kind => KindName;

    public IReadOnlyList<TaskInputProblem> CheckInput(JsonElement? input) => Target(input).Refusal is { } refusal ? [refusal] : [];

    public async Task<TaskHandlerResult> HandleAsync(TaskRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (url, refusal) = Target(run.Input);
        if (refusal is not null)
        {
            return TaskHandlerResult.PermanentFailure(refusal.Message);
        }

        var body = run.Input!.Value.TryGetProperty("body", out var bodyElement) ? bodyElement.GetRawText() : "null";
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(IdempotencyKeyHeader, run.TaskId.ToString("D"));
        var result = await OutboundPost.SendAsync(httpClients.CreateClient(HttpClientName), request, options.Value.WebhookTimeout, cancellationToken);
        return result.Outcome switch
        {
            OutboundPostOutcome.Delivered => TaskHandlerResult.Success(result.Message),
            OutboundPostOutcome.MayPass => TaskHandlerResult.Failure(result.Message),
            _ => TaskHandlerResult.PermanentFailure(result.Message),
        };
    }

    /// <summary>The input's URL, or why this handler will not post there.</summary>
    private (Uri? Url, TaskInputProblem? Refusal) Target(JsonElement? input)
    {
        const string Shape = "The input must be {\"url\": \"http(s)://…\", \"body\": …}.";
        if (input is not { ValueKind: JsonValueKind.Object } value)
        {
            return (null, new TaskInputProblem(string.Empty, Shape));
        }

        if (!value.TryGetProperty("url", out var urlElement) || urlElement.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(urlElement.GetString(), UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https"))
        {
            return (null, new TaskInputProblem(".url", Shape));
        }

        return WebhookAllowList.Allows(options.Value.WebhookAllowedUrls, url)
            ? (url, null)
            : (null, new TaskInputProblem(".url", $"{url.GetLeftPart(UriPartial.Path)} is not an allowed webhook URL (Worker:WebhookAllowedUrls).", UrlNotAllowedCode));
    }
}
