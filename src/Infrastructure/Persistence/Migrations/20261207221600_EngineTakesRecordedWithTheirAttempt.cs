using System;
using Microsoft.EntityFrameworkCore.Migrations;
using TaskOrchestration.Domain.Common;

#nullable disable

namespace TaskOrchestration.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The engine's take of an attempt is no history row of its own (ADR 0031): while the attempt runs it is its work
    /// item's lease start, and the entry that ends the attempt keeps it (taken_at). The view task_history_entries is
    /// the history as read: the stored entries and the takes they imply. A later migration that changes task_history's
    /// columns recreates the view. The takes of the attempts running now are already rows: they go, since their items
    /// and then their last entries show them.
    /// </summary>
    public partial class EngineTakesRecordedWithTheirAttempt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "taken_at",
                table: "task_history",
                type: "timestamp with time zone",
                nullable: true);

            // A take shown has an id derived from its task and time, the same while its attempt runs, after it ended,
            // and as the row a cancel writes: a page read twice agrees. The takes of attempts running now become their
            // items' (each item's claim time set to its latest take's, which a later edit of the task may have passed).
            migrationBuilder.Sql($"""
                CREATE VIEW task_history_entries AS
                SELECT id, task_id, kind, "from", "to", trigger, actor_id, occurred_at, reason, changes, taken_at FROM task_history
                UNION ALL
                SELECT md5(task_id::text || ':' || extract(epoch FROM taken_at)::text)::uuid, task_id, 'transitioned', 'pending', 'running', 'take',
                       actor_id, taken_at, NULL, NULL, NULL
                FROM task_history WHERE taken_at IS NOT NULL
                UNION ALL
                SELECT md5(id::text || ':' || extract(epoch FROM leased_at)::text)::uuid, id, 'transitioned', 'pending', 'running', 'take',
                       '{SystemActors.Engine.UserId}'::uuid, leased_at, NULL, NULL, NULL
                FROM work_items WHERE leased_by IS NOT NULL;

                UPDATE work_items AS item SET leased_at = take.occurred_at
                FROM (SELECT DISTINCT ON (task_id) task_id, occurred_at FROM task_history
                      WHERE trigger = 'take' AND task_id IN (SELECT id FROM work_items WHERE leased_by IS NOT NULL)
                      ORDER BY task_id, occurred_at DESC) AS take
                WHERE take.task_id = item.id;

                DELETE FROM task_history AS entry USING work_items AS item
                WHERE item.id = entry.task_id AND item.leased_by IS NOT NULL AND entry.trigger = 'take' AND entry.occurred_at = item.leased_at;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The takes become rows again.
            migrationBuilder.Sql("""
                INSERT INTO task_history (id, task_id, kind, "from", "to", trigger, actor_id, occurred_at)
                SELECT id, task_id, kind, "from", "to", trigger, actor_id, occurred_at FROM task_history_entries
                WHERE trigger = 'take' AND id NOT IN (SELECT id FROM task_history);

                DROP VIEW task_history_entries;
                """);

            migrationBuilder.DropColumn(
                name: "taken_at",
                table: "task_history");
        }
    }
}
