using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Infrastructure.Email;

/// <summary>
/// Sends the queued emails (ADR 0019): claims a batch, hands each to the <see cref="IEmailSender"/>, marks it sent at
/// once, and retries a failure with backoff until <see cref="EmailOptions.MaxAttempts"/>, then gives up on it (the
/// row keeps the error; the log says so at error level). At least once: a sender that dies between sending and
/// marking leaves the email to be sent again after its lease, with the same Message-Id. Runs in the worker role.
/// </summary>
internal sealed partial class EmailOutboxSender(
    EmailOutboxStore store,
    IEmailSender emailSender,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<EmailOutboxSender> logger) : BackgroundService
{
    private readonly EmailOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Send)
        {
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await SendOnceAsync(stoppingToken);
                failures = 0;
                if (claimed < _options.BatchSize)
                {
                    await Task.Delay(_options.PollInterval, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogSendingFailed(logger, exception);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, Math.Pow(2, ++failures))), clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>One round: claim, send each, record each outcome. Answers how many emails it claimed.</summary>
    public async Task<int> SendOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await store.ClaimAsync(_options.BatchSize, cancellationToken);
        foreach (var email in claimed)
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

    [LoggerMessage(EventId = EmailLogEvents.LeaseLost, Level = LogLevel.Warning, Message = "Email {EmailId} was sent after this sender's lease ran out; another sender may send it again (same Message-Id).")]
    private static partial void LogLeaseLost(ILogger logger, Guid emailId);
}
