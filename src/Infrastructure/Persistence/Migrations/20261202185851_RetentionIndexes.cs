using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskOrchestration.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RetentionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_finished",
                table: "webhook_deliveries",
                column: "last_attempt_at",
                filter: "status <> 'pending'");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_emails_sent_at",
                table: "outgoing_emails",
                column: "sent_at",
                filter: "sent_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_created_at",
                table: "notifications",
                column: "created_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_webhook_deliveries_finished",
                table: "webhook_deliveries");

            migrationBuilder.DropIndex(
                name: "ix_outgoing_emails_sent_at",
                table: "outgoing_emails");

            migrationBuilder.DropIndex(
                name: "ix_notifications_created_at",
                table: "notifications");
        }
    }
}
