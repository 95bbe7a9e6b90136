using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.Application.UnitTests.Engine;

/// <summary>The queues' retry decision: after the backoff while attempts remain and the failure may pass; given up otherwise.</summary>
public sealed class RetryRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly RetryRule Rule = new(MaxAttempts: 3, new RetryBackoff(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)));

    /// <summary>A random source that always draws the same fraction, to pin the backoff.</summary>
    private sealed class Fixed(double fraction) : Random
    {
        public override double NextDouble() => fraction;
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    public void AFailureThatMayPass_WithAttemptsLeft_IsRetriedAfterTheBackoffOfItsAttempt(int failedAttempts, int seconds)
    {
        Assert.Equal(new RetryDecision(GivesUp: false, Now.AddSeconds(seconds)), Rule.AfterFailure(failedAttempts, mayPass: true, Now, new Fixed(1)));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void TheLastAttemptsFailure_IsGivenUpOn_Now(int failedAttempts)
    {
        Assert.Equal(new RetryDecision(GivesUp: true, Now), Rule.AfterFailure(failedAttempts, mayPass: true, Now, new Fixed(1)));
    }

    [Fact]
    public void AFailureThatCannotPass_IsGivenUpOn_AtItsFirstAttempt()
    {
        Assert.Equal(new RetryDecision(GivesUp: true, Now), Rule.AfterFailure(1, mayPass: false, Now, new Fixed(1)));
    }

    [Fact]
    public void NoAttempt_CannotHaveFailed()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Rule.AfterFailure(0, mayPass: true, Now, new Fixed(1)));
    }
}
