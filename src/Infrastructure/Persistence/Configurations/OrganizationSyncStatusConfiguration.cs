using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunnerTokens.Domain.Sync;

namespace RunnerTokens.Infrastructure.Persistence.Configurations;

internal sealed class OrganizationSyncStatusConfiguration : IEntityTypeConfiguration<OrganizationSyncStatus>
{
    public void Configure(EntityTypeBuilder<OrganizationSyncStatus> builder)
    {
        builder.ToTable("OrganizationSyncStatuses");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Organization).HasMaxLength(100).IsRequired();
        builder.Property(s => s.LastError).HasMaxLength(OrganizationSyncStatus.MaxErrorLength);
        builder.HasIndex(s => s.Organization).IsUnique();
    }
}
