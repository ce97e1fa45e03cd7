using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunnerTokens.Infrastructure.Identity;

namespace RunnerTokens.Infrastructure.Persistence.Configurations;

internal sealed class ConsumedTokenConfiguration : IEntityTypeConfiguration<ConsumedToken>
{
    public void Configure(EntityTypeBuilder<ConsumedToken> builder)
    {
        builder.ToTable("ConsumedTokens");

        // The primary key is what makes a token single-use across replicas: the second insert fails.
        builder.HasKey(t => t.Key);
        builder.Property(t => t.Key).HasMaxLength(64).IsFixedLength().IsUnicode(false);
        builder.HasIndex(t => t.AcceptableUntil);
    }
}
