using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using TaskOrchestration.WebApi.FunctionalTests.Infrastructure;

namespace TaskOrchestration.WebApi.FunctionalTests.WebApp;

/// <summary>
/// The built web app under /app (setting WebApp:Path): its files and, for every other page address below /app,
/// index.html; all without a token, and without taking anything from the API. A built app is faked by a folder
/// with an index.html and one hashed asset, as Vite lays them out.
/// </summary>
public sealed class WebAppFilesTests(ApiFactory factory) : ApiTestBase(factory)
{
    private const string IndexHtml = "<!doctype html><title>TaskOrchestration</title><div id=\"root\"></div>";
    private const string AssetPath = "assets/index-3f9a1c.js";
    private const string AssetScript = "console.log('app');";

    private readonly DirectoryInfo _built = CreateBuiltApp();
    private readonly DirectoryInfo _notBuilt = Directory.CreateTempSubdirectory("taskorch-webapp-empty-");

    /// <summary>Page addresses, and index.html itself. (One host per test: each starts an API, so the addresses share one.)</summary>
    private static readonly string[] PageAddresses =
        ["/app", "/app/", "/app/tasks", "/app/tasks/0193a4c2-6a00-7d2e-8f11-0b9c3e5a7d21?tab=history", "/app/index.html"];

    [Fact]
    public async Task PageAddresses_AnswerIndexHtml_WithoutAToken_AndAreNotCached()
    {
        await using var host = ServingFrom(_built);
        using var client = host.CreateClient();

        foreach (var path in PageAddresses)
        {
            var response = await client.GetAsync(path);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}.");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(IndexHtml, await response.Content.ReadAsStringAsync());
            Assert.True(response.Headers.CacheControl?.NoCache, $"{path}: index.html names the assets of one release, so browsers must ask for it again.");
        }
    }

    [Fact]
    public async Task HashedAssets_AreServedAsTheyAre_AndCachedForGood()
    {
        await using var host = ServingFrom(_built);
        using var client = host.CreateClient();

        var response = await client.GetAsync($"/app/{AssetPath}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(AssetScript, await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task AMissingFile_Is404_NotThePage()
    {
        await using var host = ServingFrom(_built);
        using var client = host.CreateClient();

        foreach (var path in new[] { "/app/assets/missing-1234.js", "/app/favicon.ico" })
        {
            var response = await client.GetAsync(path);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}.");
        }
    }

    [Fact]
    public async Task OnlyGetAndHead_AnswerThePage_OtherMethodsAreRefusedLikeAnyAddressTheApiDoesNotServe()
    {
        await using var host = ServingFrom(_built);
        using var client = host.CreateClient();

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/app/tasks"));
        var post = await client.PostAsync("/app/tasks", Json.Body(new { title = "Not an API" }));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/html", head.Content.Headers.ContentType?.MediaType);
        await Problem.AssertAsync(post, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task TheApi_IsNotShadowed_AndStillDemandsAToken()
    {
        await using var host = ServingFrom(_built);
        using var anonymous = host.CreateClient();
        var user = await SignUpAsync();
        using var signedIn = host.CreateClient();
        signedIn.DefaultRequestHeaders.Authorization = user.Client.DefaultRequestHeaders.Authorization;

        var refused = await anonymous.GetAsync("/api/v1/tasks");
        var listed = await signedIn.GetAsync("/api/v1/tasks");
        var health = await anonymous.GetAsync("/health");

        await Problem.AssertAsync(refused, HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("application/json", listed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task AFolderWithoutIndexHtml_ServesNothing()
    {
        await using var host = ServingFrom(_notBuilt);
        using var client = host.CreateClient();

        await AssertNothingServedAsync(client);
    }

    [Fact]
    public async Task WithoutTheSetting_NothingIsServed()
    {
        using var client = Anonymous();

        await AssertNothingServedAsync(client);
    }

    /// <summary>Addresses under /app are then like any unknown address: the fallback policy answers 401.</summary>
    private static async Task AssertNothingServedAsync(HttpClient client)
    {
        foreach (var path in new[] { "/app/", "/app/tasks" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        }
    }

    public override Task DisposeAsync()
    {
        _built.Delete(recursive: true);
        _notBuilt.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private WebApplicationFactory<Program> ServingFrom(DirectoryInfo folder) =>
        Factory.WithWebHostBuilder(builder => builder.UseSetting("WebApp:Path", folder.FullName));

    private static DirectoryInfo CreateBuiltApp()
    {
        var folder = Directory.CreateTempSubdirectory("taskorch-webapp-");
        File.WriteAllText(Path.Combine(folder.FullName, "index.html"), IndexHtml);
        Directory.CreateDirectory(Path.Combine(folder.FullName, "assets"));
        File.WriteAllText(Path.Combine(folder.FullName, AssetPath), AssetScript);
        return folder;
    }
}
