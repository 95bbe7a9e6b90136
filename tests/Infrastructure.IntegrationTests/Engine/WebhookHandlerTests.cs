using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Infrastructure.Engine.Handlers;
using TaskOrchestration.Infrastructure.IntegrationTests.Webhooks;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Engine;

/// <summary>
/// The built-in <c>http.webhook</c> handler as the engine runs it, posting to a real HTTP server: what each answer
/// makes of the attempt (the engine retries a retryable failure with backoff, as for any kind), and where it may post.
/// </summary>
public sealed class WebhookHandlerTests : IAsyncLifetime
{
    private static readonly Guid TaskId = Guid.Parse("6f1c1d8e-0a51-4f7e-9a47-3c2b8e1d5a90");
    private WebhookReceiver _receiver = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        // The default timeout (10 s), so that a loaded machine cannot turn an answer into a timeout.
        _services = Build(timeout: null);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AnAllowedUrl_IsPostedTheBody_WithTheTaskIdAsIdempotencyKey_AndA2xxCompletesTheTask()
    {
        var result = await RunAsync(_receiver.Url(path: "/hooks/orders"), attempt: 2);

        Assert.Equal((true, "HTTP 200"), (result.Succeeded, result.Output));
        var received = Assert.Single(_receiver.Received);
        Assert.Equal(("/hooks/orders", "application/json; charset=utf-8"), (received.Path, received.ContentType));
        Assert.Equal("""{"order":42}""", Encoding.UTF8.GetString(received.Body));
        // The same key on every attempt of the task: that is what lets the receiver drop a repeat.
        Assert.Equal(TaskId.ToString("D"), received.Header("idempotency-key"));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task AnAnswerThatSaysNotNow_FailsTheAttempt_ForARetry(HttpStatusCode status)
    {
        _receiver.ThenAnswer(status);

        var result = await RunAsync(_receiver.Url(path: "/hooks"));

        Assert.Equal((false, true), (result.Succeeded, result.Retryable));
        Assert.Contains($"HTTP {(int)status}", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoAnswerWithinTheTimeout_FailsTheAttempt_ForARetry()
    {
        _receiver.ThenHang();
        await using var impatient = Build(timeout: "00:00:01");

        var result = await RunAsync(_receiver.Url(path: "/hooks"), services: impatient);

        Assert.Equal((false, true), (result.Succeeded, result.Retryable));
        Assert.Contains("No answer", result.FailureReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Gone)]
    public async Task AnAnswerThatSaysNo_FailsTheTaskForGood(HttpStatusCode status)
    {
        _receiver.ThenAnswer(status);

        var result = await RunAsync(_receiver.Url(path: "/hooks"));

        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
    }

    [Fact]
    public async Task ARedirect_IsNotFollowed_AndFailsTheTaskForGood()
    {
        _receiver.ThenRedirect();

        var result = await RunAsync(_receiver.Url(path: "/hooks"));

        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.Equal(["/hooks"], _receiver.Received.Select(request => request.Path));
    }

    [Theory]
    [InlineData("/hooks-admin")]
    [InlineData("/hooks/../admin")]
    [InlineData("/")]
    public async Task APathOutsideTheAllowedOne_IsRefusedForGood_WithoutARequest(string path)
    {
        var result = await RunAsync(_receiver.Url(path: path));

        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.Contains("not an allowed webhook URL", result.FailureReason, StringComparison.Ordinal);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task AnotherHostForTheSameServer_IsRefusedForGood_WithoutARequest()
    {
        var result = await RunAsync(_receiver.Url(host: "localhost", path: "/hooks"));

        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.Empty(_receiver.Received);
    }

    [Theory]
    [InlineData("""{"body":{}}""")]
    [InlineData("""{"url":"ftp://example.com/","body":{}}""")]
    [InlineData("""{"url":42}""")]
    [InlineData("""[1,2]""")]
    public async Task AnInputWithoutAnHttpUrl_FailsTheTaskForGood(string input)
    {
        var result = await HandlerAsync(JsonDocument.Parse(input).RootElement);

        Assert.Equal((false, false), (result.Succeeded, result.Retryable));
        Assert.Empty(_receiver.Received);
    }

    private ServiceProvider Build(string? timeout)
    {
        var settings = new Dictionary<string, string?> { ["Worker:WebhookAllowedUrls:0"] = _receiver.Url(path: "/hooks") };
        if (timeout is not null)
        {
            settings["Worker:WebhookTimeout"] = timeout;
        }

        return InfrastructureServices.Build(settings);
    }

    private Task<TaskHandlerResult> RunAsync(string url, int attempt = 1, ServiceProvider? services = null) =>
        HandlerAsync(JsonSerializer.SerializeToElement(new { url, body = new { order = 42 } }), attempt, services);

    private Task<TaskHandlerResult> HandlerAsync(JsonElement input, int attempt = 1, ServiceProvider? services = null)
    {
        var handler = (services ?? _services).GetServices<ITaskHandler>().Single(handler => handler.Kind == WebhookHandler.KindName);
        return handler.HandleAsync(new TaskRun(TaskId, WebhookHandler.KindName, "Notify the shop", input, attempt, MaxAttempts: 3), CancellationToken.None);
    }
}
