using System.Collections.Concurrent;
using System.Web;

namespace TaskOrchestration.Clients.LiveTests;

/// <summary>One request a client sent, as the operation it was and the optional arguments it carried.</summary>
public sealed record RecordedCall(string OperationId, IReadOnlyList<string> OptionalSent);

/// <summary>
/// Records, for each request the clients send, the documented operation it was and which of that operation's optional
/// arguments it carried: so that a test can tell every operation was called, with and without its optional arguments.
/// </summary>
public sealed class RequestRecorder(IReadOnlyList<DocumentedOperation> operations)
{
    private readonly ConcurrentQueue<RecordedCall> _calls = new();

    public IReadOnlyList<DocumentedOperation> Operations => operations;

    public IReadOnlyList<RecordedCall> Calls => [.. _calls];

    /// <summary>A handler for a client's pipeline that records what passes through it.</summary>
    public DelegatingHandler Handler() => new Recording(this);

    private async Task RecordAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var operation = operations.FirstOrDefault(candidate => candidate.Method == request.Method && candidate.Path.IsMatch(path));
        if (operation is null)
        {
            return;
        }

        var query = HttpUtility.ParseQueryString(request.RequestUri.Query);
        // The generated client sends the JSON null for an optional body left out: that is no body.
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var sent = operation.Optional.Where(name => name == DocumentedOperation.Body
            ? body.Length > 0 && body != "null"
            : query[name] is not null || request.Headers.Contains(name)).ToList();
        _calls.Enqueue(new RecordedCall(operation.Id, sent));
    }

    private sealed class Recording(RequestRecorder recorder) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await recorder.RecordAsync(request, cancellationToken);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
