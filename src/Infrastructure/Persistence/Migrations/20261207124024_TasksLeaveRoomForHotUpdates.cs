using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskOrchestration.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TasksLeaveRoomForHotUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Pages written from now on are filled to 90 %; those already full stay so until the table is rewritten
            // (VACUUM FULL, or pg_repack without the lock), which an operator chooses when: this migration does not.
            migrationBuilder.AlterTable(
                name: "tasks")
                .Annotation("Npgsql:StorageParameter:fillfactor", 90);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "tasks")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 90);
        }
    }
}
