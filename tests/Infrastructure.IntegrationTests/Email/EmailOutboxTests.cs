using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Engine;
using TaskOrchestration.Infrastructure.Email;

namespace TaskOrchestration.Infrastructure.IntegrationTests.Email;

/// <summary>The email queue and its sender on real PostgreSQL: sent once, retried with backoff, given up on, shared by several senders.</summary>
public sealed class EmailOutboxTests(DatabaseFixture fixture) : DatabaseTest(fixture), IDisposable
{
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly List<ServiceProvider> _providers = [];
    private readonly RecordingSender _mail = new();

    [Fact]
    public async Task AQueuedEmail_IsSentOnce_AndMarkedSent()
    {
        var email = await EnqueueAsync("ada@example.com", "Hello");
        var sender = Sender();

        Assert.Equal(1, await sender.SendOnceAsync(CancellationToken.None));
        Assert.Equal(0, await sender.SendOnceAsync(CancellationToken.None));

        Assert.Equal([email], _mail.Sent);
        Assert.Equal(["0 sent"], await StateAsync());
    }

    [Fact]
    public async Task AFailedAttempt_IsRetriedAfterItsBackoff_NotBefore()
    {
        var email = await EnqueueAsync("ada@example.com", "Hello");
        _mail.FailuresLeft[email.Id] = 1;
        var sender = Sender();

        Assert.Equal(1, await sender.SendOnceAsync(CancellationToken.None));
        Assert.Equal(["1 waiting: InvalidOperationException: the SMTP server is down"], await StateAsync());
        // The first retry waits 15 to 30 s (half to all of Email:RetryBaseDelay).
        _clock.Advance(TimeSpan.FromSeconds(14));
        Assert.Equal(0, await sender.SendOnceAsync(CancellationToken.None));

        _clock.Advance(TimeSpan.FromSeconds(17));
        Assert.Equal(1, await sender.SendOnceAsync(CancellationToken.None));
        Assert.Equal([email], _mail.Sent);
        Assert.Equal(["1 sent: InvalidOperationException: the SMTP server is down"], await StateAsync());
    }

    [Fact]
    public async Task AnEmailThatKeepsFailing_IsGivenUpOn_AfterMaxAttempts_AndKeptWithItsError()
    {
        var email = await EnqueueAsync("ada@example.com", "Hello");
        _mail.FailuresLeft[email.Id] = int.MaxValue;
        var sender = Sender(("Email:MaxAttempts", "3"));

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await sender.SendOnceAsync(CancellationToken.None);
            _clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(3, _mail.Attempts);
        Assert.Empty(_mail.Sent);
        Assert.Equal(["3 gave up: InvalidOperationException: the SMTP server is down"], await StateAsync());
    }

    [Fact]
    public async Task TwoSenders_AtTheSameTime_NeverSendOneEmailTwice()
    {
        List<EmailMessage> queued = [];
        for (var i = 0; i < 40; i++)
        {
            queued.Add(await EnqueueAsync($"person{i}@example.com", $"Email {i}"));
        }

        _mail.Pause = TimeSpan.FromMilliseconds(5);
        var senders = new[] { Sender(("Email:BatchSize", "3")), Sender(("Email:BatchSize", "3")) };
        await Task.WhenAll(senders.Select(sender => Task.Run(async () =>
        {
            while (await sender.SendOnceAsync(CancellationToken.None) > 0)
            {
            }
        })));

        Assert.Equal(queued.Select(email => email.Id).Order(), _mail.Sent.Select(email => email.Id).Order());
        Assert.Equal(40, (await StateAsync()).Count(state => state == "0 sent"));
    }

    [Fact]
    public async Task AClaim_SkipsAnEmailAnotherSenderIsClaimingRightNow_InsteadOfWaitingForItOrTakingItToo()
    {
        var held = await EnqueueAsync("ada@example.com", "Held");
        var free = await EnqueueAsync("bo@example.com", "Free");
        await using var other = await Database.OpenConnectionAsync();
        await using var claiming = await other.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT id FROM outgoing_emails WHERE id = @id FOR UPDATE", other, claiming))
        {
            lockRow.Parameters.AddWithValue("id", held.Id);
            await lockRow.ExecuteNonQueryAsync();
        }

        // A claim that waited for the row instead of skipping it would hang until the other transaction ends: the
        // token turns that into a failure.
        using var hang = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var claimed = await Services().GetRequiredService<EmailOutboxStore>().ClaimAsync(10, hang.Token);

        Assert.Equal([free.Id], claimed.Select(email => email.Id));
        await claiming.RollbackAsync();
    }

    [Fact]
    public async Task ASenderThatDiesHoldingEmails_LosesThemToAnother_OnlyAfterItsWorkersLease_AsAFailedAttempt()
    {
        var email = await EnqueueAsync("ada@example.com", "Hello");
        var dying = Services().GetRequiredService<EmailOutboxStore>();
        Assert.Single(await dying.ClaimAsync(10, CancellationToken.None));
        // It dies here, holding the email. Within its worker's lease (Worker:LeaseDuration, 30 s) nobody takes it.
        var survivor = Sender();

        Assert.Equal(0, await survivor.SendOnceAsync(CancellationToken.None));
        Assert.Equal(["0 waiting (locked)"], await StateAsync());
        // After it, the next claim takes the email back as a lost attempt, retried after its backoff (15 to 30 s).
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await survivor.SendOnceAsync(CancellationToken.None));
        Assert.Empty(_mail.Sent);
        Assert.Equal([$"1 waiting: {RetryRule.LeaseLostReason}"], await StateAsync());
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(1, await survivor.SendOnceAsync(CancellationToken.None));

        Assert.Equal([email], _mail.Sent);
        Assert.Equal([$"1 sent: {RetryRule.LeaseLostReason}"], await StateAsync());
    }

    [Fact]
    public async Task AnEmailWhoseSendersKeepDyingOnIt_IsGivenUpOn_AfterMaxAttempts_InsteadOfKillingSendersForever()
    {
        await EnqueueAsync("ada@example.com", "Poison");
        var survivor = Sender(("Email:MaxAttempts", "2"));

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            // A sender takes the email and dies on it; the next claim after its worker's lease counts the attempt.
            Assert.Single(await Services().GetRequiredService<EmailOutboxStore>().ClaimAsync(10, CancellationToken.None));
            _clock.Advance(TimeSpan.FromSeconds(31));
            Assert.Equal(1, await survivor.SendOnceAsync(CancellationToken.None));
            _clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(0, _mail.Attempts);
        Assert.Equal([$"2 gave up: {RetryRule.LeaseLostReason}"], await StateAsync());
        Assert.Empty(await Services().GetRequiredService<EmailOutboxStore>().ClaimAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task ASenderStoppedInTheMiddleOfARound_GivesBackWhatItHeld_WithoutCountingAnAttempt()
    {
        for (var i = 0; i < 3; i++)
        {
            await EnqueueAsync($"person{i}@example.com", $"Email {i}");
        }

        _mail.Pause = TimeSpan.FromMinutes(1);
        var sender = Sender();
        await sender.StartAsync(CancellationToken.None);
        // A hang guard, not a measure: until the round has claimed the batch and begun sending its first email.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (_mail.Attempts == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        Assert.Equal(["0 waiting (locked)", "0 waiting (locked)", "0 waiting (locked)"], await StateAsync());
        await sender.StopAsync(CancellationToken.None);

        Assert.Equal(["0 waiting", "0 waiting", "0 waiting"], await StateAsync());
    }

    [Fact]
    public async Task ARoundThatFailsOnTheDatabase_GivesBackWhatItHeld_Uncounted()
    {
        await EnqueueAsync("ada@example.com", "Hello");
        // While the email is sent, the server ends the sender's pooled connection (its own pool: an application name of
        // its own): marking it sent fails, and so does the round.
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(Database.ConnectionString) { ApplicationName = "failing-sender" }.ConnectionString;
        _mail.DuringNextSend = () => ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'failing-sender'");
        var sender = Sender(("ConnectionStrings:Default", connection));
        await sender.StartAsync(CancellationToken.None);

        // Hang guards, not measures: until the round sends the email, then until the failed round has given it back
        // (not counted as a failed attempt).
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (_mail.Attempts == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }

        List<string> state;
        while ((state = await StateAsync()) is not ["0 waiting"] && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        await sender.StopAsync(CancellationToken.None);
        Assert.Equal(["0 waiting"], state);
        Assert.Equal(1, _mail.Attempts);
    }

    [Fact]
    public async Task TheSameEmail_CannotBeQueuedTwice()
    {
        var email = await EnqueueAsync("ada@example.com", "Hello");

        await Assert.ThrowsAsync<Application.Common.Exceptions.ConflictException>(() => EnqueueAsync(email));
        Assert.Single(await StateAsync());
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }

    private Task<EmailMessage> EnqueueAsync(string to, string subject) =>
        EnqueueAsync(new EmailMessage(Guid.NewGuid(), to, subject, $"{subject}, in full."));

    private async Task<EmailMessage> EnqueueAsync(EmailMessage email)
    {
        await using var scope = Services().CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IEmailOutbox>().Enqueue(email, null);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        return email;
    }

    /// <summary>Each email as "attempts state[: last error]".</summary>
    private Task<List<string>> StateAsync() => ColumnAsync<string>("""
        SELECT attempts || ' ' || CASE WHEN sent_at IS NOT NULL THEN 'sent' WHEN gave_up_at IS NOT NULL THEN 'gave up' ELSE 'waiting' END
            || coalesce(': ' || last_error, '') || CASE WHEN locked_by IS NULL THEN '' ELSE ' (locked)' END
        FROM outgoing_emails ORDER BY created_at, id
        """);

    private EmailOutboxSender Sender(params (string Key, string Value)[] settings) => Services(settings).GetRequiredService<EmailOutboxSender>();

    private ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["ConnectionStrings:Default"] = Database.ConnectionString };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var provider = InfrastructureServices.Build(values, configure: services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<IEmailSender>(_mail);
        });
        _providers.Add(provider);
        return provider;
    }

    /// <summary>An email sender that records what it is given, and fails on request.</summary>
    private sealed class RecordingSender : IEmailSender
    {
        private readonly ConcurrentQueue<EmailMessage> _sent = new();
        private int _attempts;
        private int _duringNextSendTaken;

        public ConcurrentDictionary<Guid, int> FailuresLeft { get; } = new();

        public TimeSpan Pause { get; set; }

        /// <summary>Runs while an email is being sent, once.</summary>
        public Func<Task>? DuringNextSend { get; set; }

        public List<EmailMessage> Sent => [.. _sent];

        public int Attempts => _attempts;

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _attempts);
            if (Interlocked.Exchange(ref _duringNextSendTaken, 1) == 0 && DuringNextSend is { } during)
            {
                await during();
            }

            if (Pause > TimeSpan.Zero)
            {
                await Task.Delay(Pause, cancellationToken);
            }

            if (FailuresLeft.TryGetValue(message.Id, out var left) && left > 0)
            {
                FailuresLeft[message.Id] = left - 1;
                throw new InvalidOperationException("the SMTP server is down");
            }

            _sent.Enqueue(message);
        }
    }
}
