using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskOrchestration.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Schedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "overdue_flagged_at",
                table: "tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "schedule_runs",
                columns: table => new
                {
                    job = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    slot = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    runner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    heartbeat_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_schedule_runs", x => new { x.job, x.slot });
                });

            migrationBuilder.CreateIndex(
                name: "ix_tasks_overdue_candidates",
                table: "tasks",
                columns: new[] { "due_date", "id" },
                filter: "overdue_flagged_at IS NULL AND archived_at IS NULL AND due_date IS NOT NULL AND status IN ('draft', 'pending', 'running')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "schedule_runs");

            migrationBuilder.DropIndex(
                name: "ix_tasks_overdue_candidates",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "overdue_flagged_at",
                table: "tasks");
        }
    }
}
