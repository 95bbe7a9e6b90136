using System.Diagnostics;

namespace TaskOrchestration.TestSupport;

/// <summary>
/// Oversubscribes the machine: busy threads at normal priority until disposed. With one per core, the worker processes
/// and PostgreSQL get their CPU in slices the scheduler shares among more runnable threads than cores (per thread, so
/// a process with many runnable threads loses less than half; docs/performance.md measures it): the starvation a busy
/// host imposes. Threads of the calling process rather than processes of their own,
/// so that nothing can outlive a failing test. (The engine process tests use it, and bench/EngineBenchmark links it.)
/// </summary>
public sealed class CpuHog : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread[] _threads;

    private CpuHog(int threads)
    {
        _threads = [.. Enumerable.Range(0, threads).Select(n => new Thread(Spin) { IsBackground = true, Name = $"cpu-hog-{n}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Starts <paramref name="threads"/> busy threads.</summary>
    public static CpuHog Start(int threads) => new(threads);

    /// <summary>Starts one busy thread per core.</summary>
    public static CpuHog OnEveryCore() => new(Environment.ProcessorCount);

    public int Threads => _threads.Length;

    public void Dispose()
    {
        _stop.Cancel();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _stop.Dispose();
    }

    private void Spin()
    {
        var token = _stop.Token;
        var spins = 0L;
        while (!token.IsCancellationRequested)
        {
            // Work the JIT cannot remove, with no allocation (the GC would pause the test process, not the workers).
            spins = unchecked((spins * 31) + Stopwatch.GetTimestamp());
        }

        GC.KeepAlive(spins);
    }
}
