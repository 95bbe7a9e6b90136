using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskOrchestration.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LeasesHeldPerWorker : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A lease per worker (workers.lease_until, which its heartbeat extends) instead of one per running task.
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_until",
                table: "workers",
                type: "timestamp with time zone",
                nullable: true);

            // The tasks running at the upgrade keep the lease they had: their worker's is the latest of theirs. (The
            // workers of the previous version write the dropped column: stop them before migrating.)
            migrationBuilder.Sql("""
                UPDATE workers SET lease_until = leases.until
                FROM (SELECT leased_by, max(lease_expires_at) AS until FROM tasks
                      WHERE status = 'running' AND leased_by IS NOT NULL GROUP BY leased_by) AS leases
                WHERE workers.id = leases.leased_by
                """);

            migrationBuilder.DropColumn(
                name: "lease_expires_at",
                table: "tasks");

            // The room left in each page was for the heartbeat's HOT update of the task's lease; no heartbeat writes a
            // task now, and every other update of a task changes an indexed column (never HOT).
            migrationBuilder.AlterTable(
                name: "tasks")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 90);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "lease_until",
                table: "workers");

            migrationBuilder.AlterTable(
                name: "tasks")
                .Annotation("Npgsql:StorageParameter:fillfactor", 90);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_expires_at",
                table: "tasks",
                type: "timestamp with time zone",
                nullable: true);
        }
    }
}
