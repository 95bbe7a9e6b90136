using MediatR;
using Microsoft.Extensions.Logging;
using TaskOrchestration.Application.Common.DatabaseFailures;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Idempotency;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Application.Common.Behaviours;

/// <summary>
/// Runs a request again, from a clean unit of work, when the database failed it for a moment (a restart, a dropped
/// connection, a deadlock) and running it again cannot apply anything twice: the attempt sent no commit and no write
/// outside a transaction, so PostgreSQL has rolled back whatever it did; or the request is a command with an
/// Idempotency-Key, whose record commits with the change, so that a repeat after a commit answers the first result.
/// Otherwise, or when the database is still away after the last attempt, the request fails with
/// <see cref="DatabaseUnavailableException"/> (503). ADR 0023 gives the reasons.
/// </summary>
public sealed partial class TransientFailureRetryBehaviour<TRequest, TResponse>(
    IUnitOfWork unitOfWork,
    IDatabaseFailureClassifier failures,
    TimeProvider clock,
    ILogger<TransientFailureRetryBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var start = unitOfWork.Checkpoint();
        if (start.InTransaction)
        {
            // Inside a transaction someone else opened: a failure has aborted it, and only its owner can start over.
            return await next();
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next();
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested && failures.Classify(exception) is not DatabaseFailureKind.None and var kind)
            {
                var mayHaveCommitted = unitOfWork.Checkpoint().CommitsSent != start.CommitsSent;
                if (mayHaveCommitted && request is not IIdempotentCommand { IdempotencyKey: not null })
                {
                    throw DatabaseUnavailableException.OutcomeUnknown(exception);
                }

                if (kind == DatabaseFailureKind.TimedOut || attempt == TransientRetry.MaxAttempts)
                {
                    throw mayHaveCommitted ? DatabaseUnavailableException.OutcomeUnknown(exception) : DatabaseUnavailableException.StillUnavailable(exception);
                }

                var delay = TransientRetry.Backoff.DelayAfter(attempt, Random.Shared);
                LogRetry(exception, typeof(TRequest).Name, attempt, delay.TotalMilliseconds);
                unitOfWork.DiscardChanges();
                await Task.Delay(delay, clock, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RequestName} met a passing database failure on attempt {Attempt}; running it again in {DelayMilliseconds:0} ms")]
    private partial void LogRetry(Exception exception, string requestName, int attempt, double delayMilliseconds);
}
