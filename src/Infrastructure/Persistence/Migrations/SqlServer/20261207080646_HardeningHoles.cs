using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RunnerTokens.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class HardeningHoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PayloadSha256",
                table: "WebhookDeliveries",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_PayloadSha256",
                table: "WebhookDeliveries",
                column: "PayloadSha256",
                unique: true,
                filter: "[PayloadSha256] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_WebhookDeliveries_PayloadSha256",
                table: "WebhookDeliveries");

            migrationBuilder.DropColumn(
                name: "PayloadSha256",
                table: "WebhookDeliveries");
        }
    }
}
