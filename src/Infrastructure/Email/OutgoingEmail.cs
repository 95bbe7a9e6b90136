using TaskOrchestration.Application.Common.Interfaces;

namespace TaskOrchestration.Infrastructure.Email;

/// <summary>
/// One email in the queue (<c>outgoing_emails</c>): queued in the transaction of the change that wants it, sent by
/// <see cref="EmailOutboxSender"/>, then marked sent, or given up on after too many failures (kept, with the error).
/// </summary>
internal sealed class OutgoingEmail
{
    public OutgoingEmail(Guid id, Guid? recipientId, string toAddress, string subject, string textBody, DateTimeOffset createdAt)
    {
        Id = id;
        RecipientId = recipientId;
        ToAddress = toAddress;
        Subject = subject;
        TextBody = textBody;
        CreatedAt = createdAt;
        AvailableAt = createdAt;
    }

    /// <summary>The email's id, also its Message-Id: the same for every attempt.</summary>
    public Guid Id { get; private set; }

    /// <summary>The user it is for, when it is for one.</summary>
    public Guid? RecipientId { get; private set; }

    public string ToAddress { get; private set; }

    public string Subject { get; private set; }

    public string TextBody { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Not sent before this time: the backoff after a failed attempt.</summary>
    public DateTimeOffset AvailableAt { get; private set; }

    /// <summary>Failed attempts so far.</summary>
    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The worker whose lease holds the email while it sends it (<c>workers.lease_until</c>).</summary>
    public string? LockedBy { get; private set; }

    /// <summary>When the mail system accepted it.</summary>
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>When the sender stopped trying, after Email:MaxAttempts failures; <see cref="LastError"/> says why.</summary>
    public DateTimeOffset? GaveUpAt { get; private set; }
}
