using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Sync;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Domain.Webhooks;

namespace RunnerTokens.Infrastructure.Persistence;

/// <summary>
/// The model shared by every provider. Each provider has its own subclass so that its migrations live
/// in their own folder and are bound to it (see docs/adr/0003-database-providers.md).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options), IAppDbContext, IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();
    public DbSet<MachineIdentity> MachineIdentities => Set<MachineIdentity>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();
    public DbSet<LabelPolicy> LabelPolicies => Set<LabelPolicy>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<SecurityEvent> SecurityEvents => Set<SecurityEvent>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<Runner> Runners => Set<Runner>();
    public DbSet<RunnerJob> RunnerJobs => Set<RunnerJob>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<OrganizationSyncStatus> OrganizationSyncStatuses => Set<OrganizationSyncStatus>();
    public DbSet<UnmanagedRunnerReport> UnmanagedRunnerReports => Set<UnmanagedRunnerReport>();

    /// <summary>The ASP.NET Core data-protection key ring (dashboard cookies, antiforgery), shared by every replica.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public void DiscardPendingChanges() => ChangeTracker.Clear();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RunnerVersions.Bump(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RunnerVersions.Bump(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and safe against reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
