using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Webhooks;

/// <summary>
/// A real HTTP endpoint for the sender to POST to: Kestrel on 127.0.0.1, on a free port. It records every request
/// (headers and the body's bytes) and answers each with the next scripted answer, then 200 when the script runs out.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();

    private WebhookReceiver(WebApplication app)
    {
        _app = app;
    }

    public int Port { get; private set; }

    /// <summary>The URL of a path on this receiver, with the address it listens on.</summary>
    public string Url(string host = "127.0.0.1", string path = "/hooks") => $"http://{host}:{Port}{path}";

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>How long each answer waits first (to make concurrent senders overlap).</summary>
    public TimeSpan AnswerDelay { get; set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.AnswerAsync);
        await app.StartAsync();
        receiver.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        return receiver;
    }

    /// <summary>The next request gets this status.</summary>
    public void ThenAnswer(HttpStatusCode status) => _script.Enqueue(context =>
    {
        context.Response.StatusCode = (int)status;
        return Task.CompletedTask;
    });

    /// <summary>The next request gets no answer until the sender gives up on it.</summary>
    public void ThenHang() => _script.Enqueue(async context =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    });

    /// <summary>The next request is redirected to another path of this receiver.</summary>
    public void ThenRedirect() => _script.Enqueue(context =>
    {
        context.Response.Redirect("/elsewhere", permanent: false);
        return Task.CompletedTask;
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        _received.Enqueue(new ReceivedWebhook(
            context.Request.Path,
            context.Request.ContentType,
            context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString(), StringComparer.Ordinal),
            body.ToArray()));
        if (AnswerDelay > TimeSpan.Zero)
        {
            await Task.Delay(AnswerDelay);
        }

        if (_script.TryDequeue(out var answer))
        {
            await answer(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}

/// <summary>One request as the receiver got it.</summary>
internal sealed record ReceivedWebhook(string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"No {name} header; got {string.Join(", ", Headers.Keys)}");
}
