namespace TaskOrchestration.Infrastructure.Persistence;

/// <summary>Rows the application needs in every database, written by the migrations (and restored by the tests' reset).</summary>
public static class ReferenceData
{
    /// <summary>Every row below, for a reset that restores them all.</summary>
    public const string AllSql = EngineUserSql + SchedulerUserSql;

    /// <summary>
    /// The worker engine's own user (SystemActors.Engine): the owner of every running automated task. It has no
    /// password and is deactivated, so nobody can sign in as it; admins see it in the user list as "Worker engine".
    /// </summary>
    public const string EngineUserSql = """
        INSERT INTO users (id, email, display_name, role, password_hash, created_at, deactivated_at, failed_sign_in_count)
        VALUES ('00000000-0000-0000-0000-0000000e0001', 'worker-engine@taskorchestration.invalid', 'Worker engine', 'member',
                'none: cannot sign in', now(), now(), 0)
        ON CONFLICT (id) DO NOTHING;
        """;

    /// <summary>The scheduled jobs' user (SystemActors.Scheduler), the actor of what they change; like the engine's, it cannot sign in.</summary>
    public const string SchedulerUserSql = """
        INSERT INTO users (id, email, display_name, role, password_hash, created_at, deactivated_at, failed_sign_in_count)
        VALUES ('00000000-0000-0000-0000-0000000e0002', 'scheduler@taskorchestration.invalid', 'Scheduler', 'member',
                'none: cannot sign in', now(), now(), 0)
        ON CONFLICT (id) DO NOTHING;
        """;
}
