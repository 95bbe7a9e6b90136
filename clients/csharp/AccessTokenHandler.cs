using System.Net;
using System.Net.Http.Headers;

namespace TaskOrchestration.Client;

/// <summary>
/// Sends the provider's access token as a bearer token and, when the API answers 401, asks the provider for a new
/// token once and sends the request again. A second 401 reaches the caller (the client throws an ApiException).
/// </summary>
public sealed class AccessTokenHandler(IAccessTokenProvider tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A request is sent once only: keep its body to build the retry from.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        using var first = Copy(request, body, await tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false));
        var response = await base.SendAsync(first, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var renewed = await tokens.RefreshAsync(cancellationToken).ConfigureAwait(false);
        if (renewed is null)
        {
            return response;
        }

        response.Dispose();
        using var retry = Copy(request, body, renewed);
        return await base.SendAsync(retry, cancellationToken).ConfigureAwait(false);
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body, string? accessToken)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (body is not null)
        {
            copy.Content = new ByteArrayContent(body);
            foreach (var header in request.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        copy.Headers.Authorization = accessToken is null ? null : new AuthenticationHeaderValue("Bearer", accessToken);
        return copy;
    }
}
