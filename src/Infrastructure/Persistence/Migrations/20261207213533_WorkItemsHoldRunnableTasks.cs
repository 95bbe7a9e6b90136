using System;
using Microsoft.EntityFrameworkCore.Migrations;
using TaskOrchestration.Domain.Common;

#nullable disable

namespace TaskOrchestration.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The engine claims, leases and reaps work items, one narrow row per runnable or running automated task, instead
    /// of the tasks' rows (docs/adr/0031-work-items.md): a claim writes no task, and a running task's row reads pending
    /// until its attempt ends. The pending and running automated tasks get their items (a running one held by its
    /// worker, as it was); stop the previous version's workers first, they claim from the tasks' rows.
    /// </summary>
    public partial class WorkItemsHoldRunnableTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tasks_claimable",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_leased",
                table: "tasks");

            migrationBuilder.CreateTable(
                name: "work_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    run_after = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    leased_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    leased_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_items_tasks_id",
                        column: x => x.id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql("""
                INSERT INTO work_items (id, kind, priority, created_at, created_by, run_after, leased_by, leased_at)
                SELECT id, kind, priority, created_at, created_by, run_after,
                       CASE WHEN status = 'running' THEN leased_by END, CASE WHEN status = 'running' THEN updated_at END
                FROM tasks WHERE kind <> 'manual' AND archived_at IS NULL AND status IN ('pending', 'running');

                UPDATE tasks SET status = 'pending', owner_id = NULL WHERE kind <> 'manual' AND status = 'running';
                """);

            migrationBuilder.DropColumn(
                name: "leased_by",
                table: "tasks");

            migrationBuilder.AddCheckConstraint(
                name: "ck_tasks_engine_runs_on_work_items",
                table: "tasks",
                sql: "kind = 'manual' OR status <> 'running'");

            migrationBuilder.CreateIndex(
                name: "ix_work_items_claimable",
                table: "work_items",
                columns: new[] { "priority", "created_at", "id" },
                descending: new[] { true, false, false },
                filter: "leased_by IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_work_items_leased",
                table: "work_items",
                column: "leased_by",
                filter: "leased_by IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_tasks_engine_runs_on_work_items",
                table: "tasks");

            migrationBuilder.AddColumn<string>(
                name: "leased_by",
                table: "tasks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.Sql($"""
                UPDATE tasks SET status = 'running', owner_id = '{SystemActors.Engine.UserId}', leased_by = item.leased_by
                FROM work_items AS item WHERE item.id = tasks.id AND item.leased_by IS NOT NULL;
                """);

            migrationBuilder.DropTable(
                name: "work_items");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_claimable",
                table: "tasks",
                columns: new[] { "priority", "created_at", "id" },
                descending: new[] { true, false, false },
                filter: "status = 'pending' AND kind <> 'manual' AND archived_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_leased",
                table: "tasks",
                column: "leased_by",
                filter: "status = 'running' AND kind <> 'manual'");
        }
    }
}
