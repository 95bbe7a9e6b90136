namespace TaskOrchestration.Infrastructure.Engine.Handlers;

/// <summary>
/// Where <c>http.webhook</c> may POST: each entry of <see cref="WorkerOptions.WebhookAllowedUrls"/> is an absolute
/// http(s) URL, and a URL is allowed when it has an entry's scheme, host and port and its path is the entry's path
/// or lies below it. Compared as parsed URLs rather than as text, so that <c>https://hooks.example.com</c> does not
/// also allow <c>https://hooks.example.com.evil.example/</c>, nor <c>/hooks</c> allow <c>/hooks-admin</c>.
/// </summary>
internal static class WebhookAllowList
{
    /// <summary>An absolute http(s) URL without user info, query or fragment.</summary>
    public static bool IsValidEntry(string entry) =>
        Uri.TryCreate(entry, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0;

    public static bool Allows(IEnumerable<string> entries, Uri url)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(url);
        return url.UserInfo.Length == 0
            && entries.Any(entry => Uri.TryCreate(entry, UriKind.Absolute, out var allowed) && Covers(allowed, url));
    }

    private static bool Covers(Uri allowed, Uri url)
    {
        if (!string.Equals(allowed.Scheme, url.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(allowed.IdnHost, url.IdnHost, StringComparison.OrdinalIgnoreCase)
            || allowed.Port != url.Port)
        {
            return false;
        }

        // AbsolutePath has its dot segments resolved already, so "/hooks/../admin" cannot pass as below "/hooks".
        var path = allowed.AbsolutePath;
        var below = path.EndsWith('/') ? path : path + "/";
        return url.AbsolutePath == path || url.AbsolutePath.StartsWith(below, StringComparison.Ordinal);
    }
}
