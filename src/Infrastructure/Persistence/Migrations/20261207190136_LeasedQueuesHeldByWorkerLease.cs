using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskOrchestration.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The outbox, the email queue and webhook deliveries are held by their worker's lease (workers.lease_until), as
    /// the engine's tasks are: a row's own lease end goes. A row held when this runs is held by its worker's lease from
    /// then on; a worker stopped for the migration has none, so the next claim takes its rows back as lost attempts.
    /// </summary>
    public partial class LeasedQueuesHeldByWorkerLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "locked_until",
                table: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "locked_until",
                table: "outgoing_emails");

            migrationBuilder.DropColumn(
                name: "locked_until",
                table: "outbox_messages");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "locked_until",
                table: "webhook_deliveries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "locked_until",
                table: "outgoing_emails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "locked_until",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);
        }
    }
}
