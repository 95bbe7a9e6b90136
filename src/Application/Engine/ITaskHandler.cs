using System.Text.Json;

namespace TaskOrchestration.Application.Engine;

/// <summary>
/// Runs one kind of automated task. Register implementations in the container (AddTaskHandler); the worker engine
/// calls <see cref="HandleAsync"/> once per attempt, with a token that is cancelled when the task is cancelled, its
/// lease is lost, or the worker shuts down past its grace period.
/// </summary>
public interface ITaskHandler
{
    /// <summary>The kind this handler serves, as clients name it in <c>kind</c>: "demo.title-parity".</summary>
    string Kind { get; }

    /// <summary>Runs one attempt. A returned failure, or any exception, fails the attempt (retried while attempts remain).</summary>
    Task<TaskHandlerResult> HandleAsync(TaskRun run, CancellationToken cancellationToken);

    /// <summary>
    /// What this handler would refuse in <paramref name="input"/>, so that creating such a task is a 400 rather than
    /// a task that fails when it runs; nothing by default. Asked in every role (an API without a worker too), with
    /// JSON that PostgreSQL can store; a handler that checks here still checks again when it runs, since its
    /// settings may have changed since the task was created.
    /// </summary>
    IReadOnlyList<TaskInputProblem> CheckInput(JsonElement? input) => [];
}
