namespace TaskOrchestration.TaskListBenchmark;

/// <summary>Percentiles by the nearest-rank method over the measured requests (no interpolation).</summary>
internal sealed record LatencyStatistics(int Count, double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds, double RequestsPerSecond)
{
    public static LatencyStatistics From(IReadOnlyCollection<TimeSpan> durations, TimeSpan elapsed)
    {
        ArgumentOutOfRangeException.ThrowIfZero(durations.Count);
        var sorted = durations.Select(duration => duration.TotalMilliseconds).Order().ToArray();
        return new LatencyStatistics(
            sorted.Length,
            Percentile(sorted, 0.50),
            Percentile(sorted, 0.99),
            sorted[^1],
            sorted.Length / elapsed.TotalSeconds);
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}
