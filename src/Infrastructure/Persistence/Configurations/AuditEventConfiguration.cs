using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunnerTokens.Domain.Audit;

namespace RunnerTokens.Infrastructure.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ActorId).HasMaxLength(200).IsRequired();
        builder.Property(e => e.ActorDisplay).HasMaxLength(200).IsRequired();
        builder.Property(e => e.Action).HasMaxLength(100).IsRequired();
        builder.Property(e => e.TargetType).HasMaxLength(50).IsRequired();
        builder.Property(e => e.TargetId).HasMaxLength(200).IsRequired();
        builder.Property(e => e.DetailsJson).IsRequired();
        builder.Property(e => e.CorrelationId).HasMaxLength(100);
        builder.Property(e => e.ClientIp).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(400);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.Property(e => e.KeyId).HasMaxLength(AuditChainKey.MaxIdLength);
        builder.Property(e => e.InsertMac).HasMaxLength(64);

        // A sealer only seals events that are still unsealed when it commits (UPDATE ... WHERE Sequence IS NULL).
        builder.Property(e => e.Sequence).IsConcurrencyToken();

        // The sequence is the chain position: unique, so two sealers can never fork the chain.
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => new { e.OccurredAt, e.Id });
        builder.HasIndex(e => new { e.TeamId, e.OccurredAt });
    }
}
