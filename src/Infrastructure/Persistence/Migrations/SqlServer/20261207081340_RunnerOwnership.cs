using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunnerTokens.Infrastructure.Persistence.Migrations.SqlServer
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
                type: "nvarchar(104)",
                maxLength: 104,
                nullable: true);

            // Data before the new unique indexes: one key per live name ignoring case (the oldest row keeps it if older
            // data holds case-variants; the others stay live without a key), one live owner per GitHub runner.
            migrationBuilder.Sql("""
                UPDATE r SET r.[LiveNameKey] = LOWER(r.[Organization]) + N'/' + LOWER(r.[LiveName])
                FROM [Runners] AS r
                WHERE r.[LiveName] IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM [Runners] AS o
                    WHERE o.[LiveName] IS NOT NULL
                      AND LOWER(o.[Organization]) = LOWER(r.[Organization])
                      AND LOWER(o.[LiveName]) = LOWER(r.[LiveName])
                      AND (o.[CreatedAt] < r.[CreatedAt] OR (o.[CreatedAt] = r.[CreatedAt] AND o.[Id] < r.[Id])));
                """);
            migrationBuilder.Sql("""
                UPDATE r SET r.[LiveGitHubRunnerId] = r.[GitHubRunnerId]
                FROM [Runners] AS r
                WHERE r.[Status] <> N'Deleted' AND r.[GitHubRunnerId] IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM [Runners] AS o
                    WHERE o.[Status] <> N'Deleted'
                      AND o.[Organization] = r.[Organization]
                      AND o.[GitHubRunnerId] = r.[GitHubRunnerId]
                      AND (o.[CreatedAt] < r.[CreatedAt] OR (o.[CreatedAt] = r.[CreatedAt] AND o.[Id] < r.[Id])));
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
                unique: true,
                filter: "[LiveNameKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Runners_Organization_LiveGitHubRunnerId",
                table: "Runners",
                columns: new[] { "Organization", "LiveGitHubRunnerId" },
                unique: true,
                filter: "[LiveGitHubRunnerId] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LiveName",
                table: "Runners",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.Sql("""UPDATE [Runners] SET [LiveName] = [Name] WHERE [LiveNameKey] IS NOT NULL;""");

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
                unique: true,
                filter: "[LiveName] IS NOT NULL");
        }
    }
}
