namespace TaskOrchestration.Application.Common.Interfaces;

/// <summary>
/// Emails waiting to be sent. Queuing adds to the unit of work, so an email is queued if and only if the change that
/// wants it commits; a sender in the worker role delivers the queue, retrying failures (ADR 0019).
/// </summary>
public interface IEmailOutbox
{
    /// <summary>Queues <paramref name="message"/> with the current unit of work; a message whose id is already queued cannot be committed twice.</summary>
    void Enqueue(EmailMessage message, Guid? recipientId);

    /// <summary>Which of these email ids are already queued (sent or not).</summary>
    Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}
