using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Infrastructure.Persistence.Configurations;

internal sealed class MachineIdentityConfiguration : IEntityTypeConfiguration<MachineIdentity>
{
    public void Configure(EntityTypeBuilder<MachineIdentity> builder)
    {
        builder.ToTable("MachineIdentities");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Name).HasMaxLength(MachineIdentity.MaxNameLength).IsRequired();
        builder.Property(m => m.Description).HasMaxLength(MachineIdentity.MaxDescriptionLength).IsRequired();
        builder.Property(m => m.Issuer).HasMaxLength(MachineIdentity.MaxIssuerLength).IsRequired();
        builder.Property(m => m.Subject).HasMaxLength(MachineIdentity.MaxSubjectLength).IsRequired();

        // A handful of small conditions read together with the row: one JSON text column, portable across providers.
        builder.Property(m => m.ClaimConditions)
            .HasColumnName("ClaimConditionsJson")
            .HasConversion(
                conditions => ClaimConditionsJson.Write(conditions),
                json => ClaimConditionsJson.Read(json),
                new ValueComparer<IReadOnlyList<ClaimCondition>>(
                    (a, b) => a!.SequenceEqual(b!),
                    c => c.Aggregate(0, (hash, item) => HashCode.Combine(hash, item.GetHashCode())),
                    c => c.ToList()))
            .IsRequired();

        builder.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.TeamId, m.Name }).IsUnique();

        // Principal resolution looks identities up by (issuer, subject) on every machine request.
        builder.HasIndex(m => new { m.Issuer, m.Subject });
    }

    private static class ClaimConditionsJson
    {
        public static string Write(IReadOnlyList<ClaimCondition> conditions) =>
            JsonSerializer.Serialize(conditions.ToDictionary(c => c.Claim, c => c.Pattern, StringComparer.Ordinal));

        public static IReadOnlyList<ClaimCondition> Read(string json) =>
            [.. (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
                .Select(kv => ClaimCondition.Create(kv.Key, kv.Value).Value)
                .OrderBy(c => c.Claim, StringComparer.Ordinal)];
    }
}
