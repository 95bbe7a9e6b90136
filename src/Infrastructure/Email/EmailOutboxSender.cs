using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Infrastructure.Hosting;

namespace TaskOrchestration.Infrastructure.Email;

/// <summary>
/// Sends the queued emails (ADR 0019): claims a batch, hands each to the <see cref="IEmailSender"/>, marks it sent at
/// once, and retries a failure with backoff until <see cref="EmailOptions.MaxAttempts"/>, then gives up on it (the
/// row keeps the error; the log says so at error level). At least once: a sender that dies between sending and
/// marking leaves the email to be sent again once its worker's lease ran out, with the same Message-Id (that lost
/// attempt counts as failed, so an email that kills its sender stops looping). Runs in the worker role.
/// </summary>
internal sealed partial class EmailOutboxSender(
    EmailOutboxStore store,
    IEmailSender emailSender,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    QueueWake wake,
    ILogger<EmailOutboxSender> logger) : BatchPollingService(clock, wake, WokenQueues.Emails)
{
    private readonly EmailOptions _options = options.Value;

    protected override bool Enabled => _options.Send;

    protected override int BatchSize => _options.BatchSize;

    protected override TimeSpan PollInterval => _options.PollInterval;

    protected override Task<int> RunRoundAsync(CancellationToken cancellationToken) => SendOnceAsync(cancellationToken);

    protected override void LogRoundFailed(Exception exception) => LogSendingFailed(logger, exception);

    protected override Task<int> ReleaseHeldAsync(CancellationToken cancellationToken) => store.ReleaseHeldAsync(cancellationToken);

    /// <summary>One round: claim, send each, record each outcome. Answers how many emails it claimed.</summary>
    public async Task<int> SendOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimAsync(_options.BatchSize, cancellationToken);
        // Emails whose sender stopped (or lost the database) while it held them: those attempts count as failed, and
        // are recorded before anything of this batch is sent, so that an email that kills its sender is counted.
        foreach (var email in claimed.Where(email => email.Lost))
        {
            // Not cancelled by a stop: the row would be given back uncounted, and the lost attempt never counted.
            if (await store.FailAsync(email, RetryRule.LeaseLostReason, CancellationToken.None))
            {
                LogLostAndGaveUp(logger, email.Id, email.Attempts + 1);
            }
            else
            {
                LogAttemptLost(logger, email.Id, email.Attempts + 1);
            }
        }

        foreach (var email in claimed.Where(email => !email.Lost))
        {
            try
            {
                await emailSender.SendAsync(email.ToMessage(), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (await store.FailAsync(email, $"{exception.GetType().Name}: {exception.Message}", cancellationToken))
                {
                    LogGaveUp(logger, exception, email.Id, email.Attempts + 1);
                }
                else
                {
                    LogAttemptFailed(logger, exception, email.Id, email.Attempts + 1);
                }

                continue;
            }

            if (!await store.MarkSentAsync(email.Id, cancellationToken))
            {
                LogLeaseLost(logger, email.Id);
            }
        }

        return claimed.Count;
    }

    [LoggerMessage(EventId = EmailLogEvents.SendingFailed, Level = LogLevel.Warning, Message = "Sending the email queue failed; trying again shortly.")]
    private static partial void LogSendingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = EmailLogEvents.AttemptFailed, Level = LogLevel.Warning, Message = "Email {EmailId} failed (attempt {Attempts}); it is retried later.")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, Guid emailId, int attempts);

    [LoggerMessage(EventId = EmailLogEvents.GaveUp, Level = LogLevel.Error, Message = "Email {EmailId} failed {Attempts} times and is given up on; outgoing_emails keeps it with its last error.")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, Guid emailId, int attempts);

    [LoggerMessage(EventId = EmailLogEvents.AttemptLost, Level = LogLevel.Warning, Message = "Email {EmailId}: attempt {Attempts} was lost with its sender's lease; it is retried later.")]
    private static partial void LogAttemptLost(ILogger logger, Guid emailId, int attempts);

    [LoggerMessage(EventId = EmailLogEvents.LostAndGaveUp, Level = LogLevel.Error, Message = "Email {EmailId}: attempt {Attempts} was lost with its sender's lease, its last; it is given up on.")]
    private static partial void LogLostAndGaveUp(ILogger logger, Guid emailId, int attempts);

    [LoggerMessage(EventId = EmailLogEvents.LeaseLost, Level = LogLevel.Warning, Message = "Email {EmailId} was sent after this sender's lease ran out; another sender may send it again (same Message-Id).")]
    private static partial void LogLeaseLost(ILogger logger, Guid emailId);
}
