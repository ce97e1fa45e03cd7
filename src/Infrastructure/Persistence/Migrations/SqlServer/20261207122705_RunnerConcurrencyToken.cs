using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunnerTokens.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RunnerConcurrencyToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Runners",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Version",
                table: "Runners");
        }
    }
}
