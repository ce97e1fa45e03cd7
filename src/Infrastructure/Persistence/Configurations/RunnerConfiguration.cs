using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Infrastructure.Persistence.Converters;

namespace RunnerTokens.Infrastructure.Persistence.Configurations;

internal sealed class RunnerConfiguration : IEntityTypeConfiguration<Runner>
{
    /// <summary>
    /// The runner row's concurrency token (a shadow property): <see cref="RunnerVersions"/> adds one on every update, and
    /// an update whose row changed since it was read matches no row, so the writer gets a
    /// <see cref="DbUpdateConcurrencyException"/> instead of writing over the other change (a late webhook bringing a
    /// deleted runner back, found by the soak). App-managed, so it works alike on SQLite, SQL Server and PostgreSQL.
    /// </summary>
    public const string Version = "Version";

    public void Configure(EntityTypeBuilder<Runner> builder)
    {
        builder.ToTable("Runners");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property<long>(Version).IsConcurrencyToken();
        builder.Property(r => r.Organization).HasMaxLength(100).IsRequired();
        builder.Property(r => r.Name).HasMaxLength(64).IsRequired();
        builder.Property(r => r.LiveNameKey).HasMaxLength(RunnerName.MaxLiveKeyLength);
        builder.Property(r => r.RequestedLabels).HasConversion(new JsonListConverter<string>(), new ListValueComparer<string>()).IsRequired();
        builder.Property(r => r.Labels).HasConversion(new JsonListConverter<string>(), new ListValueComparer<string>()).IsRequired();
        builder.Ignore(r => r.IsLive);
        builder.Property(r => r.ProvisionedById).HasMaxLength(200).IsRequired();
        builder.Property(r => r.ProvisionedByDisplay).HasMaxLength(200).IsRequired();
        builder.Property(r => r.SecretFingerprint).HasMaxLength(64);
        builder.Property(r => r.DeletedBy).HasMaxLength(200);

        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Restrict);

        // A name is unique among the organization's live runners, compared as GitHub compares it (ignoring case):
        // LiveNameKey is "organization/name" lowercased, and deleted runners release it (LiveNameKey = null, and
        // NULLs never collide in a unique index on any of the three providers: SQL Server gets an IS NOT NULL filter).
        builder.HasIndex(r => r.LiveNameKey).IsUnique();

        // Two live rows never own one GitHub runner (LiveGitHubRunnerId = GitHubRunnerId while live, null once deleted).
        builder.HasIndex(r => new { r.Organization, r.LiveGitHubRunnerId }).IsUnique();
        builder.HasIndex(r => new { r.TeamId, r.Status });
        builder.HasIndex(r => new { r.Organization, r.GitHubRunnerId });
        builder.HasIndex(r => new { r.CreatedAt, r.Id });
    }
}
