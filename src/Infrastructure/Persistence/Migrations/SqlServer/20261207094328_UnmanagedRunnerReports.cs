using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunnerTokens.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class UnmanagedRunnerReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UnmanagedRunnerReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Organization = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    GitHubRunnerId = table.Column<long>(type: "bigint", nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnmanagedRunnerReports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UnmanagedRunnerReports_Organization_GitHubRunnerId",
                table: "UnmanagedRunnerReports",
                columns: new[] { "Organization", "GitHubRunnerId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UnmanagedRunnerReports");
        }
    }
}
