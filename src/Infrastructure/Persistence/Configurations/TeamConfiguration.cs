using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Infrastructure.Persistence.Configurations;

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> builder)
    {
        builder.ToTable("Teams");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(63).IsRequired();
        builder.Property(t => t.Description).HasMaxLength(1000).IsRequired();
        builder.Property(t => t.Organization).HasMaxLength(100).IsRequired();
        builder.Property(t => t.DeactivationReason).HasMaxLength(1000);
        builder.Property(t => t.DeactivatedBy).HasMaxLength(200);
        builder.HasIndex(t => t.Name).IsUnique();

        // Written at the start of every provisioning transaction: the per-team admission lock (see DatabaseTeamProvisioningLock).
        builder.Property<long>("ProvisioningLock");
    }
}
