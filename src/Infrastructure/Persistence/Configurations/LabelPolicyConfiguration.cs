using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Infrastructure.Persistence.Converters;

namespace RunnerTokens.Infrastructure.Persistence.Configurations;

internal sealed class LabelPolicyConfiguration : IEntityTypeConfiguration<LabelPolicy>
{
    public void Configure(EntityTypeBuilder<LabelPolicy> builder)
    {
        builder.ToTable("LabelPolicies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();

        // One row per version; the unique index makes two concurrent changes unable to both become version n+1.
        builder.HasIndex(p => new { p.TeamId, p.Version }).IsUnique();
        builder.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Restrict);

        builder.Property(p => p.RequiredLabels)
            .HasConversion(new JsonListConverter<string>(), new ListValueComparer<string>())
            .IsRequired();
        builder.Property(p => p.AllowedLabelPatterns)
            .HasConversion(new JsonListConverter<string>(), new ListValueComparer<string>())
            .IsRequired();
        builder.Property(p => p.AllowedRunnerGroupIds)
            .HasConversion(new JsonListConverter<long>(), new ListValueComparer<long>())
            .IsRequired();
        builder.Property(p => p.CreatedBy).HasMaxLength(200).IsRequired();
        builder.Ignore(p => p.Settings);
        builder.Ignore(p => p.EffectiveDefaultRunnerGroupId);
    }
}
