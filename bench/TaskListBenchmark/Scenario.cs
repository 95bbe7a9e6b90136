namespace TaskOrchestration.TaskListBenchmark;

/// <summary>
/// One measured request shape. <paramref name="PathFor"/> gives the path of the i-th request, so a scenario can
/// rotate through several values (users, task ids) instead of asking the same thing every time.
/// </summary>
internal sealed record Scenario(string Name, string Who, Func<int, string> PathFor);
