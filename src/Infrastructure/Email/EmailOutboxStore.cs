using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Infrastructure.Engine;
using TaskOrchestration.Infrastructure.Persistence;
using TaskOrchestration.Infrastructure.Persistence.Configurations;

namespace TaskOrchestration.Infrastructure.Email;

/// <summary>
/// The email queue (<c>outgoing_emails</c>) as a <see cref="LeasedTable"/>: claim the due emails (held by this
/// worker's lease, SKIP LOCKED), mark one sent, record a failed or lost attempt as <see cref="EmailOptions.Retry"/>
/// decides. Any number of senders share the queue: a claim skips rows another sender holds, and takes a row again
/// only once its holder's lease ran out, counting that attempt as failed.
/// </summary>
internal sealed class EmailOutboxStore(IServiceScopeFactory scopes, LeasedQueue queue, IOptions<EmailOptions> options, TimeProvider clock)
{
    private static readonly LeasedTable Table = new(
        "outgoing_emails",
        open: OutgoingEmailConfiguration.PendingFilter,
        due: "available_at",
        order: "available_at, id",
        done: "sent_at",
        givenUp: "gave_up_at");

    private readonly EmailOptions _options = options.Value;

    /// <summary>Takes up to <paramref name="limit"/> due emails, oldest due first, for this sender's worker lease.</summary>
    public async Task<IReadOnlyList<ClaimedEmail>> ClaimAsync(int limit, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await queue.ClaimAsync<ClaimedEmail>(
            db,
            Table,
            limit,
            "item.to_address, item.subject, item.text_body",
            cancellationToken);
    }

    /// <summary>Gives back what this sender still holds, at shutdown.</summary>
    public async Task<int> ReleaseHeldAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await queue.ReleaseHeldAsync(db, Table, cancellationToken);
    }

    /// <summary>The mail system accepted the email. Answers false when this sender no longer held it (its lease ran out and another took it).</summary>
    public async Task<bool> MarkSentAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        return await queue.CompleteAsync(db, Table, [id], cancellationToken) == 1;
    }

    /// <summary>An attempt failed (or was lost): the email waits out its backoff, or is given up on once it failed <see cref="EmailOptions.MaxAttempts"/> times.</summary>
    /// <returns>True when it was given up on.</returns>
    public async Task<bool> FailAsync(ClaimedEmail email, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(error);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var attempts = email.Attempts + 1;
        var decision = _options.Retry.AfterFailure(attempts, mayPass: true, clock.GetUtcNow(), Random.Shared);
        await queue.RecordFailureAsync(db, Table, email.Id, attempts, error, decision, cancellationToken);
        return decision.GivesUp;
    }
}

/// <summary>An email a sender holds: what to send, and how many attempts of it failed before.</summary>
internal sealed class ClaimedEmail : ILeasedRow
{
    public Guid Id { get; init; }

    public int Attempts { get; init; }

    public bool Lost { get; init; }

    public string ToAddress { get; init; } = string.Empty;

    public string Subject { get; init; } = string.Empty;

    public string TextBody { get; init; } = string.Empty;

    public EmailMessage ToMessage() => new(Id, ToAddress, Subject, TextBody);
}
