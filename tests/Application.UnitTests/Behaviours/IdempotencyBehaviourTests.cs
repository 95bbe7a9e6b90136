using Microsoft.Extensions.Time.Testing;
using TaskOrchestration.Application.Common.Behaviours;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Idempotency;
using static TaskOrchestration.Application.UnitTests.Support.People;

namespace TaskOrchestration.Application.UnitTests.Behaviours;

/// <summary>
/// What the behaviour asks of the store and makes of its answer. The store's own rules (a live key is not claimed
/// again, concurrent repeats wait) are tested on PostgreSQL: IdempotencyKeyTests over HTTP.
/// </summary>
public sealed class IdempotencyBehaviourTests
{
    public sealed record Submit(string Title, string? IdempotencyKey) : IIdempotentCommand;

    public sealed record Answer(Guid Id, string Title);

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly RecordingStore _store = new();
    private int _runs;

    [Fact]
    public async Task AKey_IsClaimedForTwentyFourHours_FromNow_ByTheUser_ForThisCommand()
    {
        await HandleAsync(new Submit("Report", "key-1"));

        var claim = Assert.Single(_store.Claims);
        Assert.Equal((Now, Now.AddHours(24)), (claim.Now, claim.ExpiresAt));
        Assert.Equal((Alice.UserId, nameof(Submit), "key-1"), (claim.UserId, claim.Scope, claim.Key));
    }

    [Fact]
    public async Task ARepeat_GetsTheFirstAnswer_WithoutRunningAgain()
    {
        var first = await HandleAsync(new Submit("Report", "key-1"));
        _clock.Advance(TimeSpan.FromHours(23));

        var repeat = await HandleAsync(new Submit("Report", "key-1"));

        Assert.Equal(first, repeat);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task TheSameKey_WithAnotherRequest_IsRefused_WithoutRunning()
    {
        await HandleAsync(new Submit("Report", "key-1"));

        await Assert.ThrowsAsync<IdempotencyKeyReusedException>(() => HandleAsync(new Submit("Another report", "key-1")));
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task NoKey_RunsEveryTime_AndClaimsNothing()
    {
        await HandleAsync(new Submit("Report", null));
        await HandleAsync(new Submit("Report", null));

        Assert.Equal(2, _runs);
        Assert.Empty(_store.Claims);
    }

    private Task<Answer> HandleAsync(Submit request) =>
        new IdempotencyBehaviour<Submit, Answer>(_store, SignedIn(Alice), _clock).Handle(request, CancellationToken.None, () =>
        {
            _runs++;
            return Task.FromResult(new Answer(Guid.NewGuid(), request.Title));
        });

    /// <summary>Keeps each key's first request and answer for as long as its claim says, as the real store does.</summary>
    private sealed class RecordingStore : IIdempotencyStore
    {
        private readonly Dictionary<string, (IdempotencyClaim Claim, string Answer)> _records = [];

        public List<IdempotencyClaim> Claims { get; } = [];

        public async Task<IdempotencyRecord> RunOnceAsync(IdempotencyClaim claim, Func<Task<string>> runAndSerialize, CancellationToken cancellationToken)
        {
            if (_records.TryGetValue(claim.Key, out var live) && live.Claim.ExpiresAt > claim.Now)
            {
                return new IdempotencyRecord(Replayed: true, live.Claim.RequestFingerprint, live.Answer);
            }

            Claims.Add(claim);
            var answer = await runAndSerialize();
            _records[claim.Key] = (claim, answer);
            return new IdempotencyRecord(Replayed: false, claim.RequestFingerprint, answer);
        }
    }
}
