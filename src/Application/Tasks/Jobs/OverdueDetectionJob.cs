using TaskOrchestration.Application.Common.Exceptions;
using TaskOrchestration.Application.Common.Interfaces;
using TaskOrchestration.Application.Common.Scheduling;

namespace TaskOrchestration.Application.Tasks.Jobs;

/// <summary>
/// "overdue-detection": flags every open task that is past its due date, once per due date, through the task itself
/// (<see cref="Domain.Tasks.TaskItem.FlagOverdue"/>: a history entry and a taskOverdue event). Saved in batches
/// through the unit of work, so each batch's events reach the outbox in the batch's transaction. Each run flags
/// everything due before it started, so a slot that did not run loses nothing: the next one catches up.
/// </summary>
public sealed class OverdueDetectionJob(ITaskRepository tasks, IUnitOfWork unitOfWork, TimeProvider clock) : IScheduledJob
{
    public const string JobName = "overdue-detection";

    /// <summary>Tasks flagged per transaction.</summary>
    public const int BatchSize = 100;

    // A person editing a task of the batch at the same moment makes the save fail as a whole (its version moved): the
    // batch is read again as it is now. Only a run of such collisions in a row means something is wrong.
    private const int MaxConflictsInARow = 5;

    public async Task<JobRunSummary> RunAsync(ScheduledSlot slot, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var flagged = 0;
        var conflicts = 0;
        while (true)
        {
            var batch = await tasks.ListUnflaggedOverdueAsync(now, BatchSize, cancellationToken);
            var flaggedNow = batch.Count(task => task.FlagOverdue(now));
            if (flaggedNow < batch.Count)
            {
                // The query and the aggregate disagree about what is overdue: reading again would find the same tasks.
                throw new InvalidOperationException($"{batch.Count - flaggedNow} tasks that the overdue query found could not be flagged.");
            }

            try
            {
                await unitOfWork.SaveChangesAsync(cancellationToken);
                flagged += flaggedNow;
                conflicts = 0;
            }
            catch (ConflictException) when (++conflicts < MaxConflictsInARow)
            {
                continue;
            }
            finally
            {
                unitOfWork.DiscardChanges();
            }

            if (batch.Count < BatchSize)
            {
                return new JobRunSummary($"{flagged} tasks flagged overdue.", flagged);
            }
        }
    }
}
