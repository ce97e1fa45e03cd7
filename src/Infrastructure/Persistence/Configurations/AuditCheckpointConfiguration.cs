using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Infrastructure.Persistence.Configurations;

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable("AuditCheckpoints");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.HeadHash).HasMaxLength(64).IsRequired();
        builder.Property(c => c.KeyId).HasMaxLength(AuditChainKey.MaxIdLength).IsRequired();
        builder.Property(c => c.Mac).HasMaxLength(64).IsRequired();
        builder.HasIndex(c => new { c.Sequence, c.CreatedAt });
    }
}
