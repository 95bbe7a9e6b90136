using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Common.Behaviours;

/// <summary>
/// Logs every request with the acting user and how long it took, at Debug (a line per request would drown the console
/// at Information; turn it on with Logging__LogLevel__TaskOrchestration.Application=Debug); warns when it was slow.
/// </summary>
public sealed partial class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger, ICurrentUser currentUser)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly TimeSpan SlowRequest = TimeSpan.FromMilliseconds(500);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var requestName = typeof(TRequest).Name;
        var userId = currentUser.Actor?.UserId;
        var started = Stopwatch.GetTimestamp();
        var response = await next();
        var elapsed = Stopwatch.GetElapsedTime(started);

        if (elapsed > SlowRequest)
        {
            LogSlow(requestName, userId, elapsed.TotalMilliseconds);
        }
        else
        {
            LogHandled(requestName, userId, elapsed.TotalMilliseconds);
        }

        return response;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Handled {RequestName} for user {UserId} in {ElapsedMilliseconds:0.0} ms")]
    private partial void LogHandled(string requestName, Guid? userId, double elapsedMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slow request {RequestName} for user {UserId} took {ElapsedMilliseconds:0.0} ms")]
    private partial void LogSlow(string requestName, Guid? userId, double elapsedMilliseconds);
}
