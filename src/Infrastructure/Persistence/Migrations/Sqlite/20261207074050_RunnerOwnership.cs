using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunnerTokens.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RunnerOwnership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Runners_Organization_LiveName",
                table: "Runners");

            migrationBuilder.DropColumn(
                name: "LiveName",
                table: "Runners");

            migrationBuilder.AddColumn<long>(
                name: "LiveGitHubRunnerId",
                table: "Runners",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiveNameKey",
                table: "Runners",
                type: "TEXT",
                maxLength: 104,
                nullable: true);

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

            migrationBuilder.AddColumn<string>(
                name: "LiveName",
                table: "Runners",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Runners_Organization_LiveName",
                table: "Runners",
                columns: new[] { "Organization", "LiveName" },
                unique: true);
        }
    }
}
