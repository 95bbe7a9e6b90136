using Microsoft.EntityFrameworkCore;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Email;

/// <summary>Queues emails in <c>outgoing_emails</c> with the unit of work; <see cref="EmailOutboxSender"/> sends them.</summary>
internal sealed class EmailOutbox(ApplicationDbContext db, TimeProvider clock) : IEmailOutbox
{
    public void Enqueue(EmailMessage message, Guid? recipientId)
    {
        ArgumentNullException.ThrowIfNull(message);
        db.OutgoingEmails.Add(new OutgoingEmail(message.Id, recipientId, message.To, Subject(message.Subject), message.TextBody, clock.GetUtcNow()));
    }

    public async Task<IReadOnlySet<Guid>> ExistingAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        (await db.OutgoingEmails.AsNoTracking().Where(email => ids.Contains(email.Id)).Select(email => email.Id).ToListAsync(cancellationToken)).ToHashSet();

    private static string Subject(string subject) => subject.Length <= 300 ? subject : string.Concat(subject.AsSpan(0, 299), "…");
}
