using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskOrchestration.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TagUsageCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tag_usage_counts",
                columns: table => new
                {
                    team_key = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    live_tasks = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tag_usage_counts", x => new { x.team_key, x.name });
                });

            // The counts follow every write to tasks, whoever makes it: a task counts once for each of its tags, in
            // its team (the all-zero uuid for none), while it is not archived. Each change adds its net difference
            // in (team, tag) order, so two transactions lock the counters they share in the same order and cannot
            // deadlock on them; two that tag tasks of one team with one tag at the same time wait for each other's
            // commit, which is the price of exact counts.
            migrationBuilder.Sql("""
                CREATE FUNCTION tasks_count_tag_usage() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO tag_usage_counts AS usage (team_key, name, live_tasks)
                    SELECT team_key, name, sum(delta)
                    FROM (
                        SELECT coalesce(OLD.team_id, '00000000-0000-0000-0000-000000000000'::uuid) AS team_key, unnest(OLD.tags) AS name, -1 AS delta
                        WHERE TG_OP <> 'INSERT' AND OLD.archived_at IS NULL
                        UNION ALL
                        SELECT coalesce(NEW.team_id, '00000000-0000-0000-0000-000000000000'::uuid), unnest(NEW.tags), 1
                        WHERE TG_OP <> 'DELETE' AND NEW.archived_at IS NULL
                    ) AS changes
                    GROUP BY team_key, name
                    HAVING sum(delta) <> 0
                    ORDER BY team_key, name
                    ON CONFLICT (team_key, name) DO UPDATE SET live_tasks = usage.live_tasks + excluded.live_tasks;
                    RETURN NULL;
                END;
                $$;

                CREATE TRIGGER tasks_count_tag_usage AFTER INSERT OR DELETE OR UPDATE OF tags, team_id, archived_at ON tasks
                    FOR EACH ROW EXECUTE FUNCTION tasks_count_tag_usage();

                INSERT INTO tag_usage_counts (team_key, name, live_tasks)
                SELECT coalesce(tasks.team_id, '00000000-0000-0000-0000-000000000000'::uuid), tag.name, count(*)
                FROM tasks CROSS JOIN LATERAL unnest(tasks.tags) AS tag(name)
                WHERE tasks.archived_at IS NULL
                GROUP BY 1, 2;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tasks_count_tag_usage ON tasks; DROP FUNCTION IF EXISTS tasks_count_tag_usage();");

            migrationBuilder.DropTable(
                name: "tag_usage_counts");
        }
    }
}
