using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace TaskOrchestration.WebApi.Hosting;

/// <summary>
/// Serves the built web app (clients/web/dist) under <c>/app</c>: its files as they are, and index.html for every
/// other page address below <c>/app</c>, so that the app's own router can show it (a reload of /app/tasks/{id}).
/// The folder comes from the <c>WebApp:Path</c> setting (relative to the content root); without the setting, or
/// when the folder holds no index.html (the app was not built), nothing is served under <c>/app</c>.
/// </summary>
internal static partial class WebAppFiles
{
    /// <summary>Where the app is served; the app is built for it (Vite's <c>base: "/app/"</c>).</summary>
    public const string BasePath = "/app";

    public const string PathSettingName = "WebApp:Path";

    private const string IndexFile = "index.html";

    /// <summary>
    /// Before authentication and authorization: the app's files are public (the API's fallback policy demands a
    /// token for everything else), and the app signs in through the API itself.
    /// </summary>
    public static WebApplication UseWebApp(this WebApplication app)
    {
        var configured = app.Configuration[PathSettingName];
        if (string.IsNullOrWhiteSpace(configured))
        {
            return app;
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebAppFiles));
        var root = Path.GetFullPath(configured, app.Environment.ContentRootPath);
        if (!File.Exists(Path.Combine(root, IndexFile)))
        {
            LogNotBuilt(logger, root);
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = BasePath,
            OnPrepareResponse = SetCaching,
        });

        // Routing ran first, so an address under /app that the files above did not answer and no endpoint matched is
        // a missing file (the page fallback below leaves out addresses with an extension): 404, rather than the 401
        // that the fallback policy gives unknown addresses, because everything under /app is public.
        app.UseWhen(
            context => context.GetEndpoint() is null && context.Request.Path.StartsWithSegments(BasePath, StringComparison.Ordinal),
            missing => missing.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }));

        // index.html for every page address, so the app's router shows the page (a reload of /app/tasks/{id}).
        // nonfile: an address with an extension (a missing script, say) is left to the 404 above, not answered with
        // a page. GET and HEAD only: other methods are refused like at any address the API does not serve. The
        // fallback's order keeps every mapped route (the API, the hub) ahead of it, though none lives under /app.
        app.MapFallbackToFile($"{BasePath}/{{**path:nonfile}}", IndexFile, new StaticFileOptions
            {
                FileProvider = files,
                OnPrepareResponse = SetCaching,
            })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .AllowAnonymous();

        LogServing(logger, BasePath, root);
        return app;
    }

    /// <summary>
    /// Vite names every file it puts in assets/ by its content hash, so those may be kept for good; index.html names
    /// them, so it (like any other file) is checked again each time, or a browser would go on loading the previous
    /// release's assets.
    /// </summary>
    private static void SetCaching(StaticFileResponseContext context)
    {
        var hashed = context.Context.Request.Path.StartsWithSegments($"{BasePath}/assets", StringComparison.Ordinal);
        context.Context.Response.Headers[HeaderNames.CacheControl] = hashed ? "public, max-age=31536000, immutable" : "no-cache";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving the web app under {BasePath} from {Root}.")]
    private static partial void LogServing(ILogger logger, string basePath, string root);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebApp:Path is {Root}, which holds no index.html (is the app built?); nothing is served under /app.")]
    private static partial void LogNotBuilt(ILogger logger, string root);
}
