using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskOrchestration.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HeartbeatUpdatesHot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The reaper's index moves from lease_expires_at, which every heartbeat rewrites, to leased_by, which only
            // claims and outcomes change: a heartbeat's update then touches no indexed column and can be HOT.
            migrationBuilder.DropIndex(
                name: "ix_tasks_leased",
                table: "tasks");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_leased",
                table: "tasks",
                column: "leased_by",
                filter: "status = 'running' AND kind <> 'manual'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tasks_leased",
                table: "tasks");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_leased",
                table: "tasks",
                column: "lease_expires_at",
                filter: "status = 'running' AND kind <> 'manual'");
        }
    }
}
