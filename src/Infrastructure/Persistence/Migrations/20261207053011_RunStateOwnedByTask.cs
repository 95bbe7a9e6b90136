using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskOrchestration.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RunStateOwnedByTask : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // No SQL: the task's run state became a value it owns (TaskRunState), mapped to the same columns of
            // tasks. The migration only carries the model snapshot's new shape, as `dotnet ef migrations add` does.
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
