using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskOrchestration.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AutomatedTasks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "input",
                table: "tasks",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "tasks",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "manual");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_expires_at",
                table: "tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "leased_by",
                table: "tasks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "max_attempts",
                table: "tasks",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "run_after",
                table: "tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "paused_kinds",
                columns: table => new
                {
                    kind = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    paused_by = table.Column<Guid>(type: "uuid", nullable: false),
                    paused_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_paused_kinds", x => x.kind);
                    table.ForeignKey(
                        name: "fk_paused_kinds_users_paused_by",
                        column: x => x.paused_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "workers",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    process_id = table.Column<int>(type: "integer", nullable: false),
                    kinds = table.Column<string[]>(type: "text[]", nullable: false),
                    concurrency = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    stopped_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_workers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_claimable",
                table: "tasks",
                columns: new[] { "priority", "created_at", "id" },
                descending: new[] { true, false, false },
                filter: "status = 'pending' AND kind <> 'manual' AND archived_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_leased",
                table: "tasks",
                column: "lease_expires_at",
                filter: "status = 'running' AND kind <> 'manual'");

            migrationBuilder.CreateIndex(
                name: "ix_paused_kinds_paused_by",
                table: "paused_kinds",
                column: "paused_by");

            migrationBuilder.CreateIndex(
                name: "ix_workers_last_seen_at",
                table: "workers",
                column: "last_seen_at");

            migrationBuilder.Sql(ReferenceData.EngineUserSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM users WHERE id = '00000000-0000-0000-0000-0000000e0001';");

            migrationBuilder.DropTable(
                name: "paused_kinds");

            migrationBuilder.DropTable(
                name: "workers");

            migrationBuilder.DropIndex(
                name: "ix_tasks_claimable",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_leased",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "input",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "lease_expires_at",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "leased_by",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "max_attempts",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "run_after",
                table: "tasks");
        }
    }
}
