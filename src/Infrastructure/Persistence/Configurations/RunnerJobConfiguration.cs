using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Infrastructure.Persistence.Configurations;

internal sealed class RunnerJobConfiguration : IEntityTypeConfiguration<RunnerJob>
{
    public void Configure(EntityTypeBuilder<RunnerJob> builder)
    {
        builder.ToTable("RunnerJobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.Id).ValueGeneratedNever();
        builder.Property(j => j.Repository).HasMaxLength(200).IsRequired();
        builder.Property(j => j.Workflow).HasMaxLength(400).IsRequired();
        builder.Property(j => j.JobName).HasMaxLength(400).IsRequired();
        builder.Property(j => j.Conclusion).HasMaxLength(50);
        builder.Property(j => j.EnforcementOutcome).HasMaxLength(50);
        builder.HasOne<Runner>().WithMany().HasForeignKey(j => j.RunnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(j => new { j.RunnerId, j.JobId }).IsUnique();
    }
}
