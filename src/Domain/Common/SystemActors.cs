using TaskOrchestration.Domain.Users;

namespace TaskOrchestration.Domain.Common;

/// <summary>The actors that are not people.</summary>
public static class SystemActors
{
    /// <summary>
    /// The worker engine: it takes automated tasks, completes, fails and requeues them, as their owner. Every worker
    /// process acts as this one user (a row the migrations create, that cannot sign in); which process holds a task
    /// is the task's lease, not its owner.
    /// </summary>
    public static readonly Actor Engine = new(new Guid("00000000-0000-0000-0000-0000000e0001"), UserRole.Member);

    /// <summary>The scheduled jobs (overdue detection, daily summaries, cleanup): the actor of what they change.</summary>
    public static readonly Actor Scheduler = new(new Guid("00000000-0000-0000-0000-0000000e0002"), UserRole.Member);

    /// <summary>True for the actors above, who are told nothing and never receive notifications.</summary>
    public static bool IsSystem(Guid userId) => userId == Engine.UserId || userId == Scheduler.UserId;
}
