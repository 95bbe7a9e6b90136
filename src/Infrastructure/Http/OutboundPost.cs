using System.Globalization;
using System.Net;

namespace TaskOrchestration.Infrastructure.Http;

/// <summary>
/// Sends one POST and classifies what came of it, the same way for the engine's <c>http.webhook</c> handler and the
/// webhook sender: 2xx delivered; a network error, a timeout, 408, 429 or 5xx may pass (retry); anything else, a
/// redirect included (never followed), is refused for good.
/// </summary>
internal static class OutboundPost
{
    public static async Task<OutboundPostResult> SendAsync(HttpClient client, HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var host = request.RequestUri?.Host ?? "the receiver";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // Headers only: the body of the answer is not needed, and a receiver cannot make us buffer a large one.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new OutboundPostResult(OutboundPostOutcome.Delivered, status, $"HTTP {status}");
            }

            return new OutboundPostResult(MayPass(response.StatusCode) ? OutboundPostOutcome.MayPass : OutboundPostOutcome.Refused, status, $"HTTP {status} from {host}");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new OutboundPostResult(OutboundPostOutcome.MayPass, null, $"No answer from {host} within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException exception) when (exception.InnerException is DestinationRefusedException refused)
        {
            return new OutboundPostResult(OutboundPostOutcome.Refused, null, refused.Message);
        }
        catch (HttpRequestException exception)
        {
            return new OutboundPostResult(OutboundPostOutcome.MayPass, null, $"Could not reach {host}: {exception.Message}");
        }
    }

    /// <summary>The answers that say "not now" rather than "no": 408, 429 and every 5xx.</summary>
    public static bool MayPass(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
