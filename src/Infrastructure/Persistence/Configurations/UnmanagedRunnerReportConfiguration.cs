using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunnerTokens.Domain.Sync;

namespace RunnerTokens.Infrastructure.Persistence.Configurations;

internal sealed class UnmanagedRunnerReportConfiguration : IEntityTypeConfiguration<UnmanagedRunnerReport>
{
    public void Configure(EntityTypeBuilder<UnmanagedRunnerReport> builder)
    {
        builder.ToTable("UnmanagedRunnerReports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Organization).HasMaxLength(100).IsRequired();
        builder.HasIndex(r => new { r.Organization, r.GitHubRunnerId }).IsUnique();
    }
}
