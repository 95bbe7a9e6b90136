using TaskOrchestration.Application.Engine;

namespace TaskOrchestration.Application.UnitTests.Engine;

public sealed class RetryBackoffTests
{
    private static readonly RetryBackoff Backoff = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

    /// <summary>A random source that always draws the same fraction, to pin the ends of the jitter range.</summary>
    private sealed class Fixed(double fraction) : Random
    {
        public override double NextDouble() => fraction;
    }

    [Theory]
    [InlineData(1, 5, 10)]
    [InlineData(2, 10, 20)]
    [InlineData(3, 20, 40)]
    [InlineData(5, 80, 160)]
    [InlineData(6, 150, 300)]
    [InlineData(50, 150, 300)]
    public void Delay_DoublesPerAttempt_UpToTheCap_JitteredWithinTheUpperHalf(int attempt, double lowSeconds, double highSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(lowSeconds), Backoff.DelayAfter(attempt, new Fixed(0)));
        Assert.Equal(TimeSpan.FromSeconds(highSeconds), Backoff.DelayAfter(attempt, new Fixed(1)));
    }

    [Fact]
    public void Delay_Varies_BetweenTasksThatFailedTogether()
    {
        var random = new Random(7);

        var delays = Enumerable.Range(0, 20).Select(_ => Backoff.DelayAfter(3, random)).ToHashSet();

        Assert.True(delays.Count > 15);
        Assert.All(delays, delay => Assert.InRange(delay, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40)));
    }

    [Fact]
    public void Delay_AfterAttemptZero_IsAnError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Backoff.DelayAfter(0, Random.Shared));
}
