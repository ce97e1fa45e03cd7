using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunnerTokens.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RunnerOwnership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LiveGitHubRunnerId",
                table: "Runners",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiveNameKey",
                table: "Runners",
                type: "character varying(104)",
                maxLength: 104,
                nullable: true);

            // Data before the new unique indexes: one key per live name ignoring case (the oldest row keeps it if older
            // data holds case-variants; the others stay live without a key), one live owner per GitHub runner.
            migrationBuilder.Sql("""
                UPDATE "Runners" SET "LiveNameKey" = lower("Organization") || '/' || lower("LiveName")
                WHERE "LiveName" IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM "Runners" AS o
                    WHERE o."LiveName" IS NOT NULL
                      AND lower(o."Organization") = lower("Runners"."Organization")
                      AND lower(o."LiveName") = lower("Runners"."LiveName")
                      AND (o."CreatedAt" < "Runners"."CreatedAt" OR (o."CreatedAt" = "Runners"."CreatedAt" AND o."Id" < "Runners"."Id")));
                """);
            migrationBuilder.Sql("""
                UPDATE "Runners" SET "LiveGitHubRunnerId" = "GitHubRunnerId"
                WHERE "Status" <> 'Deleted' AND "GitHubRunnerId" IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM "Runners" AS o
                    WHERE o."Status" <> 'Deleted'
                      AND o."Organization" = "Runners"."Organization"
                      AND o."GitHubRunnerId" = "Runners"."GitHubRunnerId"
                      AND (o."CreatedAt" < "Runners"."CreatedAt" OR (o."CreatedAt" = "Runners"."CreatedAt" AND o."Id" < "Runners"."Id")));
                """);

            migrationBuilder.DropIndex(
                name: "IX_Runners_Organization_LiveName",
                table: "Runners");

            migrationBuilder.DropColumn(
                name: "LiveName",
                table: "Runners");

            migrationBuilder.CreateIndex(
                name: "IX_Runners_LiveNameKey",
                table: "Runners",
                column: "LiveNameKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runners_Organization_LiveGitHubRunnerId",
                table: "Runners",
                columns: new[] { "Organization", "LiveGitHubRunnerId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LiveName",
                table: "Runners",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.Sql("""UPDATE "Runners" SET "LiveName" = "Name" WHERE "LiveNameKey" IS NOT NULL;""");

            migrationBuilder.DropIndex(
                name: "IX_Runners_LiveNameKey",
                table: "Runners");

            migrationBuilder.DropIndex(
                name: "IX_Runners_Organization_LiveGitHubRunnerId",
                table: "Runners");

            migrationBuilder.DropColumn(
                name: "LiveGitHubRunnerId",
                table: "Runners");

            migrationBuilder.DropColumn(
                name: "LiveNameKey",
                table: "Runners");

            migrationBuilder.CreateIndex(
                name: "IX_Runners_Organization_LiveName",
                table: "Runners",
                columns: new[] { "Organization", "LiveName" },
                unique: true);
        }
    }
}
