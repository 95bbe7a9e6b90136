using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Email;

/// <summary>
/// The email sender's statements against <c>outgoing_emails</c>: claim (leased, SKIP LOCKED), mark sent, and record
/// a failed attempt (retry after a backoff, or give up). Any number of senders share the queue: a claim skips rows
/// another sender holds, and a row is sent again only after its holder's lease ran out.
/// </summary>
internal sealed class EmailOutboxStore(IServiceScopeFactory scopes, WorkerIdentity sender, IOptions<EmailOptions> options, TimeProvider clock)
{
    private readonly EmailOptions _options = options.Value;

    /// <summary>Takes up to <paramref name="limit"/> due emails, oldest due first, for this sender until its lease ends.</summary>
    public async Task<IReadOnlyList<OutgoingEmail>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = clock.GetUtcNow();
        return await db.OutgoingEmails.FromSql($"""
            UPDATE outgoing_emails AS email
            SET locked_by = {sender.Id}, locked_until = {now + _options.LeaseDuration}
            FROM (
                SELECT candidate.id FROM outgoing_emails AS candidate
                WHERE candidate.sent_at IS NULL AND candidate.gave_up_at IS NULL
                  AND candidate.available_at <= {now}
                  AND (candidate.locked_until IS NULL OR candidate.locked_until < {now})
                ORDER BY candidate.available_at, candidate.id
                LIMIT {limit}
                FOR UPDATE SKIP LOCKED) AS picked
            WHERE email.id = picked.id
            RETURNING email.*
            """).AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>The mail system accepted the email. Answers false when this sender no longer held it (its lease ran out and another took it).</summary>
    public async Task<bool> MarkSentAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE outgoing_emails SET sent_at = {clock.GetUtcNow()}, locked_by = NULL, locked_until = NULL
            WHERE id = {id} AND sent_at IS NULL AND locked_by = {sender.Id}
            """, cancellationToken) == 1;
    }

    /// <summary>An attempt failed: the email waits out its backoff, or is given up on once it failed <see cref="EmailOptions.MaxAttempts"/> times.</summary>
    /// <returns>True when it was given up on.</returns>
    public async Task<bool> FailAsync(OutgoingEmail email, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(error);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var now = clock.GetUtcNow();
        var attempts = email.Attempts + 1;
        DateTimeOffset? gaveUpAt = attempts >= _options.MaxAttempts ? now : null;
        var availableAt = gaveUpAt ?? now + _options.Backoff.DelayAfter(attempts, Random.Shared);
        var message = error.Length > 2_000 ? error[..2_000] : error;
        await db.Database.ExecuteSqlAsync($"""
            UPDATE outgoing_emails
            SET attempts = {attempts}, last_error = {message}, available_at = {availableAt}, gave_up_at = {gaveUpAt},
                locked_by = NULL, locked_until = NULL
            WHERE id = {email.Id} AND sent_at IS NULL AND locked_by = {sender.Id}
            """, cancellationToken);
        return gaveUpAt is not null;
    }
}
