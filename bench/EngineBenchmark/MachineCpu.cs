using System.Globalization;

namespace TaskOrchestration.EngineBenchmark;

/// <summary>The CPU time the whole machine has spent busy since it started (/proc/stat), every core summed.</summary>
internal static class MachineCpu
{
    private static readonly int[] BusyFields = [1, 2, 3, 6, 7];

    public static TimeSpan Busy()
    {
        // cpu user nice system idle iowait irq softirq steal …, in clock ticks (USER_HZ, 100 on Linux); steal is time
        // the host gave to someone else, not work done here.
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = BusyFields.Sum(index => long.Parse(fields[index], CultureInfo.InvariantCulture));
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
