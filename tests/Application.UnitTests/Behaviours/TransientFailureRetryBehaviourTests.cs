using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using TaskOrchestration.Application.Common.Behaviours;
using TaskOrchestration.Application.Common.DatabaseFailures;
using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Idempotency;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.UnitTests.Support;

namespace TaskOrchestration.Application.UnitTests.Behaviours;

/// <summary>
/// When a request is run again after a passing database failure, and when it is answered 503 instead. The failures
/// here are stand-ins the classifier is told about (an IOException passes, a TimeoutException is a timeout); which
/// real Npgsql failures are which is DatabaseFailureClassifierTests' concern, and counting the commits a real unit of
/// work sends is CommitRecorderTests'.
/// </summary>
public sealed class TransientFailureRetryBehaviourTests
{
    public sealed record Edit(string Title);

    public sealed record Create(string Title, string? IdempotencyKey) : IIdempotentCommand;

    private readonly FakeTimeProvider _clock = new();
    private readonly Mock<IUnitOfWork> _unitOfWork = new();
    private readonly Mock<IDatabaseFailureClassifier> _classifier = new();
    private long _commitsSent;
    private bool _inTransaction;
    private int _runs;

    public TransientFailureRetryBehaviourTests()
    {
        _unitOfWork.Setup(work => work.Checkpoint()).Returns(() => new UnitOfWorkCheckpoint(_commitsSent, _inTransaction));
        _classifier.Setup(classifier => classifier.Classify(It.IsAny<Exception>())).Returns(DatabaseFailureKind.None);
        _classifier.Setup(classifier => classifier.Classify(It.IsAny<IOException>())).Returns(DatabaseFailureKind.Transient);
        _classifier.Setup(classifier => classifier.Classify(It.IsAny<TimeoutException>())).Returns(DatabaseFailureKind.TimedOut);
    }

    [Fact]
    public async Task APassingFailure_BeforeAnythingWasCommitted_IsRunAgain_FromACleanUnitOfWork()
    {
        var logger = new RecordingLogger<TransientFailureRetryBehaviour<Edit, string>>();

        var answer = await HandleAsync(new Edit("Report"), () => _runs == 1 ? throw new IOException("server went away") : "saved", logger);

        Assert.Equal(("saved", 2), (answer, _runs));
        _unitOfWork.Verify(work => work.DiscardChanges(), Times.Once);
        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(nameof(Edit), warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailure_AfterACommitWasSent_IsNotRunAgain_AndSaysTheOutcomeIsUnknown()
    {
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => HandleAsync<string>(new Edit("Report"), () =>
        {
            _commitsSent++;
            throw new IOException("the answer to the commit was lost");
        }));

        Assert.Equal(1, _runs);
        Assert.IsType<IOException>(error.InnerException);
        Assert.Contains("may or may not have been applied", error.Message, StringComparison.Ordinal);
        _unitOfWork.Verify(work => work.DiscardChanges(), Times.Never);
    }

    [Fact]
    public async Task ACommandWithAnIdempotencyKey_IsRunAgain_EvenAfterACommitWasSent()
    {
        // The retry claims the key again: if the first attempt committed, the store replays its answer.
        var answer = await HandleAsync(new Create("Report", "key-1"), () =>
        {
            if (_runs == 1)
            {
                _commitsSent++;
                throw new IOException("the answer to the commit was lost");
            }

            return "the first answer";
        });

        Assert.Equal(("the first answer", 2), (answer, _runs));
    }

    [Fact]
    public async Task ACommandThatCouldCarryAKey_ButDoesNot_IsNotRunAgain_AfterACommitWasSent()
    {
        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => HandleAsync<string>(new Create("Report", IdempotencyKey: null), () =>
        {
            _commitsSent++;
            throw new IOException("the answer to the commit was lost");
        }));

        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task AFailureThatLasts_Is503_AfterTheLastAttempt_SayingNothingWasChanged()
    {
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() =>
            HandleAsync<string>(new Edit("Report"), () => throw new IOException($"still away at attempt {_runs}")));

        Assert.Equal(TransientRetry.MaxAttempts, _runs);
        Assert.Equal($"still away at attempt {_runs}", error.InnerException?.Message);
        Assert.Contains("nothing was changed", error.Message, StringComparison.Ordinal);
        _unitOfWork.Verify(work => work.DiscardChanges(), Times.Exactly(_runs - 1));
    }

    [Fact]
    public async Task AKeyedCommandThatMayHaveCommittedOnce_SaysTheOutcomeIsUnknown_WhenTheLastAttemptFails()
    {
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => HandleAsync<string>(new Create("Report", "key-1"), () =>
        {
            if (_runs == 1)
            {
                _commitsSent++;
            }

            throw new IOException("away");
        }));

        Assert.Equal(TransientRetry.MaxAttempts, _runs);
        Assert.Contains("may or may not have been applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATimeout_IsNotRunAgain_ButIs503()
    {
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() =>
            HandleAsync<string>(new Edit("Report"), () => throw new TimeoutException("no answer in time")));

        Assert.Equal(1, _runs);
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task AnyOtherFailure_PassesAsItWas_WithoutRunningAgain()
    {
        var bug = new InvalidOperationException("bug");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => HandleAsync<string>(new Edit("Report"), () => throw bug));

        Assert.Same(bug, thrown);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task InsideATransactionSomeoneElseOpened_APassingFailure_PassesAsItWas_ForItsOwner()
    {
        _inTransaction = true;
        var failure = new IOException("server went away");

        var thrown = await Assert.ThrowsAsync<IOException>(() => HandleAsync<string>(new Edit("Report"), () => throw failure));

        Assert.Same(failure, thrown);
        Assert.Equal(1, _runs);
    }

    [Fact]
    public async Task TheNextAttempt_WaitsItsBackoff_ThenRuns()
    {
        var handling = Behaviour<Edit, string>().Handle(new Edit("Report"), CancellationToken.None, () =>
            Task.FromResult(++_runs == 1 ? throw new IOException("server went away") : "saved"));
        var shortest = TransientRetry.Backoff.DelayAfter(1, new FixedRandom(0));
        var longest = TransientRetry.Backoff.DelayAfter(1, new FixedRandom(1));

        _clock.Advance(shortest - TimeSpan.FromMilliseconds(1));
        await Task.Yield();
        Assert.Equal(1, _runs);

        _clock.Advance(longest - shortest + TimeSpan.FromMilliseconds(1));
        Assert.Equal("saved", await handling);
        Assert.Equal(2, _runs);
    }

    [Fact]
    public async Task ARequestCancelledWhileWaiting_StopsThere()
    {
        using var cancellation = new CancellationTokenSource();
        var handling = Behaviour<Edit, string>().Handle(new Edit("Report"), cancellation.Token, () =>
            Task.FromResult(++_runs == 1 ? throw new IOException("server went away") : "saved"));

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handling);
        Assert.Equal(1, _runs);
    }

    private TransientFailureRetryBehaviour<TRequest, TResponse> Behaviour<TRequest, TResponse>(ILogger<TransientFailureRetryBehaviour<TRequest, TResponse>>? logger = null) =>
        new(_unitOfWork.Object, _classifier.Object, _clock, logger ?? new RecordingLogger<TransientFailureRetryBehaviour<TRequest, TResponse>>());

    /// <summary>Handles <paramref name="request"/>, moving the fake clock on until every backoff has passed.</summary>
    private async Task<TResponse> HandleAsync<TResponse>(Edit request, Func<TResponse> run, ILogger<TransientFailureRetryBehaviour<Edit, TResponse>>? logger = null) =>
        await PassTimeUntilDone(Behaviour(logger).Handle(request, CancellationToken.None, () => Run(run)));

    private async Task<TResponse> HandleAsync<TResponse>(Create request, Func<TResponse> run) =>
        await PassTimeUntilDone(Behaviour<Create, TResponse>().Handle(request, CancellationToken.None, () => Run(run)));

    private Task<TResponse> Run<TResponse>(Func<TResponse> run)
    {
        _runs++;
        return Task.FromResult(run());
    }

    private async Task<T> PassTimeUntilDone<T>(Task<T> handling)
    {
        // The fake clock moves on until the handling ends, however late (on a busy machine) the behaviour gets to its
        // next backoff: a fixed number of steps could all pass before it starts waiting, and then it would wait on a
        // clock nobody moves. A behaviour that waits forever still fails, after a minute of real time.
        var giveUp = DateTime.UtcNow.AddMinutes(1);
        while (!handling.IsCompleted && DateTime.UtcNow < giveUp)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1);
        }

        Assert.True(handling.IsCompleted, "The behaviour was still waiting after a minute of moving the clock.");
        return await handling;
    }

    /// <summary>A random source that always draws the same fraction, to pin the ends of the jitter range.</summary>
    private sealed class FixedRandom(double fraction) : Random
    {
        public override double NextDouble() => fraction;
    }
}
