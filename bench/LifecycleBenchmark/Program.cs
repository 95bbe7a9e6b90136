using System.Diagnostics;
using System.Globalization;
using TaskOrchestration.Domain.Common;
using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Domain.Users;

// Measures, per task, the transitions the engine makes (claim: take; outcome: complete) and a person's walk (take,
// complete, and the allowed actions read after each), through TaskItem's public methods, so that whatever the
// lifecycle costs (configuring, guards, errors) is in the figure. The task's creation is measured apart and
// subtracted: it is not the lifecycle's. Prints one line per scenario: "name ns-per-task bytes-per-task".
//
//   dotnet LifecycleBenchmark.dll [--tasks 200000] [--rounds 5]
var tasks = Option("--tasks", 200_000);
var rounds = Option("--rounds", 5);

var creator = new Actor(Guid.NewGuid(), UserRole.Member);
var worker = new Actor(Guid.NewGuid(), UserRole.Member);
var now = new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);
var automation = new TaskAutomation("system.noop");

var scenarios = new (string Name, Action<TaskItem> Walk, Func<TaskItem> Create)[]
{
    ("engine: start run + complete run", task =>
    {
        task.StartRun("bench-worker", now.AddSeconds(30), now);
        task.CompleteRun(null, now);
    }, () => TaskItem.Create("Bench", null, TaskPriority.Normal, null, false, SystemActors.Engine, now, automation: automation)),
    ("person: take + complete, allowed actions after each", task =>
    {
        task.Take(worker, now);
        _ = task.PermittedTriggers(worker);
        task.Complete(worker, "Done", now);
        _ = task.PermittedTriggers(worker);
    }, () => TaskItem.Create("Bench", null, TaskPriority.Normal, null, false, creator, now)),
};

foreach (var (name, walk, create) in scenarios)
{
    // Warm up: the JIT, and the per-thread machine if there is one.
    Measure(walk, create, Math.Min(tasks, 20_000));
    var results = Enumerable.Range(0, rounds).Select(_ => Measure(walk, create, tasks)).ToList();
    var nanoseconds = Median(results.Select(result => result.Nanoseconds));
    var bytes = Median(results.Select(result => result.Bytes));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}\t{nanoseconds:F0}\t{bytes:F0}"));
}

static (double Nanoseconds, double Bytes) Measure(Action<TaskItem> walk, Func<TaskItem> create, int count)
{
    var created = new TaskItem[count];
    for (var index = 0; index < count; index++)
    {
        created[index] = create();
    }

    var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    foreach (var task in created)
    {
        walk(task);
    }

    clock.Stop();
    var bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
    return (clock.Elapsed.TotalNanoseconds / count, (double)bytes / count);
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
