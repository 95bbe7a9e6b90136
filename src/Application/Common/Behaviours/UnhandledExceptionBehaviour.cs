using MediatR;
using Microsoft.Extensions.Logging;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Domain.Common;

namespace TaskOrchestration.Application.Common.Behaviours;

/// <summary>
/// Logs an exception that no rule of the application explains (a bug or an outage) with the request that caused it.
/// Expected outcomes such as validation failures or domain errors are answers, not errors, and are not logged here.
/// </summary>
public sealed partial class UnhandledExceptionBehaviour<TRequest, TResponse>(ILogger<UnhandledExceptionBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next();
        }
        catch (Exception exception) when (!IsExpected(exception) && !cancellationToken.IsCancellationRequested)
        {
            LogUnhandled(exception, typeof(TRequest).Name);
            throw;
        }
    }

    private static bool IsExpected(Exception exception) => exception is
        DomainException or ValidationFailedException or NotFoundException or UnauthorizedException
        or ConflictException or PreconditionFailedException or ForbiddenException;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception while handling {RequestName}")]
    private partial void LogUnhandled(Exception exception, string requestName);
}
