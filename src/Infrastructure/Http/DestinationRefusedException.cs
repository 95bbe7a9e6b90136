namespace TaskOrchestration.Infrastructure.Http;

/// <summary>
/// Thrown by a connection callback that will not connect to where a request leads (an internal address): the
/// HTTP stack wraps it in an <see cref="HttpRequestException"/>, which <see cref="OutboundPost"/> reads as a refusal
/// for good rather than a network error worth retrying.
/// </summary>
internal sealed class DestinationRefusedException(string message) : Exception(message);
