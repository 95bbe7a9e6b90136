using System.Net;
using TaskOrchestration.Application.Common.Models;
using TaskOrchestration.Application.Webhooks;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.Webhooks;

/// <summary>
/// SSRF at registration (Webhooks:AllowPrivateNetworks is off, as by default): a URL whose host is an internal
/// address, in any spelling, or a name that resolves to one, is refused with 400 webhook_url_forbidden.
/// </summary>
public sealed class WebhookUrlSafetyTests(ApiFactory factory) : WebhookApiTest(factory)
{
    public static TheoryData<string, string> ForbiddenUrls => new()
    {
        { "http://127.0.0.1/hooks", "loopback" },
        { "http://127.8.9.10:8080/hooks", "loopback" },
        { "http://2130706433/hooks", "loopback" },
        { "http://0x7f.0.0.1/hooks", "loopback" },
        { "http://10.0.0.1/hooks", "private" },
        { "http://172.16.5.4/hooks", "private" },
        { "http://172.31.255.255/hooks", "private" },
        { "http://192.168.1.1/hooks", "private" },
        { "http://169.254.169.254/latest/meta-data/", "link-local" },
        { "http://100.64.0.1/hooks", "carrier-grade NAT" },
        { "http://100.127.255.254/hooks", "carrier-grade NAT" },
        { "http://0.0.0.0/hooks", "this network" },
        { "http://224.0.0.1/hooks", "multicast" },
        { "http://255.255.255.255/hooks", "broadcast" },
        { "http://[::1]/hooks", "loopback" },
        { "http://[::]/hooks", "unspecified" },
        { "http://[fc00::1]/hooks", "unique local" },
        { "http://[fd12:3456:789a::1]/hooks", "unique local" },
        { "http://[fe80::1]/hooks", "link-local" },
        { "http://[ff02::1]/hooks", "multicast" },
        { "http://[::ffff:127.0.0.1]/hooks", "IPv4-mapped" },
        { "http://[::ffff:169.254.169.254]/hooks", "link-local" },
        { "http://[::ffff:10.0.0.1]/hooks", "private" },
        { "http://[64:ff9b::a9fe:a9fe]/hooks", "NAT64" },
        { "http://localhost/hooks", "localhost resolves to" },
        { "https://LocalHost:8443/hooks", "localhost resolves to" },
    };

    [Theory]
    [MemberData(nameof(ForbiddenUrls))]
    public async Task Create_RefusesAUrlOnAnInternalNetwork_SayingWhy(string url, string reason)
    {
        var admin = await SignUpAsync("admin");

        var response = await admin.Client.PostAsync("/api/v1/webhooks", Json.Body(new { url, eventTypes = TaskCreatedOnly }));

        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "webhook_url_forbidden");
        Assert.Contains(reason, problem.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await (await admin.Client.GetAsync("/api/v1/webhooks")).ReadAsync<PagedList<WebhookDto>>()).Items);
    }

    [Theory]
    [InlineData("https://203.0.113.10/hooks")]
    [InlineData("http://8.8.8.8:8080/hooks")]
    [InlineData("https://[2001:4860:4860::8888]/hooks")]
    [InlineData("http://172.32.0.1/hooks")]
    [InlineData("http://100.128.0.1/hooks")]
    public async Task Create_AcceptsAPublicAddress_NextToTheForbiddenRanges(string url)
    {
        var admin = await SignUpAsync("admin");

        var created = await RegisterAsync(admin, url);

        Assert.Equal(url, created.Url);
    }
}
