using Microsoft.Extensions.DependencyInjection;

namespace TaskOrchestration.Infrastructure.Http;

/// <summary>The HttpClient that <see cref="OutboundPost"/> sends through, set up once for each sender that posts to other people's servers.</summary>
internal static class OutboundPostClient
{
    /// <summary>
    /// Registers the named client: no timeout of its own (the sender's setting bounds each attempt, the client's
    /// 100 s default must not cut in first), no redirects (one would re-send the body wherever the receiver points,
    /// past whatever decided where it may go), no cookies. <paramref name="configure"/> adds what the sender needs more.
    /// </summary>
    public static IHttpClientBuilder AddOutboundPostClient(this IServiceCollection services, string name, string userAgent, Action<IServiceProvider, SocketsHttpHandler>? configure = null) =>
        services.AddHttpClient(name, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
                configure?.Invoke(provider, handler);
                return handler;
            });
}
