using TaskOrchestration.Domain.Tasks;
using TaskOrchestration.Infrastructure.Hosting;
using TaskOrchestration.Infrastructure.Persistence;

namespace TaskOrchestration.Infrastructure.Engine;

/// <summary>
/// Wakes idle workers when work may have fallen due, so that a task submitted to an idle engine starts at once
/// rather than at the worker's next poll (ADR 0014).
/// <para>
/// Sending: every transaction that makes an automated task runnable (a submission, a publication, a retry, an
/// unarchiving, a requeue after a failed attempt, a task given back by a stopping worker, a lease reaped) and every
/// resumed kind sends one NOTIFY on <see cref="Channel"/>, however many tasks it holds. PostgreSQL delivers it
/// when that transaction commits, so a woken worker's claim sees the rows. The payload is the kind when all
/// those tasks share one, so that workers serving other kinds stay asleep, and empty otherwise.
/// </para>
/// <para>
/// Hearing: each worker process hears the channel through its one LISTEN connection and tells its worker, which
/// claims at once if it has a free slot, or as soon as one frees. A task whose run-after is still ahead is found
/// by the same claim's follow-up (<see cref="TaskQueue.NextDueInAsync"/>), and the worker sleeps until then.
/// NOTIFYs sent while the connection was away are not replayed, so the worker looks once when it listens again;
/// the poll (<see cref="WorkerOptions.PollInterval"/>) remains for work written behind the application's back.
/// </para>
/// </summary>
internal sealed class EngineWake : IDatabaseChannelSubscriber
{
    public const string Channel = "taskorch_engine_wake";

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Action<string?>? _announced;

    /// <summary>Completes when the LISTEN is first in place: from then on, every announcement reaches this process.</summary>
    public Task Listening => _listening.Task;

    string IDatabaseChannelSubscriber.Channel => Channel;

    /// <summary>
    /// Adds the announcement for <paramref name="changed"/> to <paramref name="batch"/>, sent in the transaction that
    /// changed them, when it made any of them runnable (created or moved to pending, or unarchived while pending). Call
    /// it before their domain events are cleared.
    /// </summary>
    public static void Announce(StatementBatch batch, IEnumerable<TaskItem> changed)
    {
        var kinds = changed.Where(MadeRunnable).Select(task => task.Kind).Distinct(StringComparer.Ordinal).Take(2).ToList();
        if (kinds.Count > 0)
        {
            var payload = kinds.Count == 1 ? kinds[0] : string.Empty;
            batch.Add($"SELECT pg_notify({Channel}, {payload})");
        }
    }

    /// <summary>
    /// Registers what to do when work is announced: called with the kind, or null for any kind (after a reconnection
    /// too, since announcements made meanwhile went unheard). It must return at once.
    /// </summary>
    public void OnAnnounced(Action<string?> announced)
    {
        lock (_gate)
        {
            _announced += announced;
        }
    }

    void IDatabaseChannelSubscriber.Listening()
    {
        Announce(null);
        _listening.TrySetResult();
    }

    void IDatabaseChannelSubscriber.Received(string payload) => Announce(payload.Length == 0 ? null : payload);

    void IDatabaseChannelSubscriber.Lost()
    {
        // Nothing to do: the poll carries on, and Listening looks once when the connection is back.
    }

    private static bool MadeRunnable(TaskItem task) =>
        task is { IsAutomated: true, Status: TaskItemStatus.Pending, IsArchived: false }
        && task.DomainEvents.Any(change => change is TaskCreated { Status: TaskItemStatus.Pending } or TaskTransitioned { To: TaskItemStatus.Pending } or TaskUnarchived);

    private void Announce(string? kind)
    {
        Action<string?>? announced;
        lock (_gate)
        {
            announced = _announced;
        }

        announced?.Invoke(kind);
    }
}
