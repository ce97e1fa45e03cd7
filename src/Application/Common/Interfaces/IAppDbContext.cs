using Microsoft.EntityFrameworkCore;
using RunnerTokens.Domain.Audit;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Sync;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Domain.Webhooks;

namespace RunnerTokens.Application.Common.Interfaces;

/// <summary>The application's unit of work: EF Core directly, no repository layer on top.</summary>
public interface IAppDbContext
{
    DbSet<User> Users { get; }
    DbSet<MachineIdentity> MachineIdentities { get; }
    DbSet<Team> Teams { get; }
    DbSet<TeamMembership> TeamMemberships { get; }
    DbSet<LabelPolicy> LabelPolicies { get; }
    DbSet<AuditEvent> AuditEvents { get; }
    DbSet<SecurityEvent> SecurityEvents { get; }
    DbSet<AuditCheckpoint> AuditCheckpoints { get; }
    DbSet<Runner> Runners { get; }
    DbSet<RunnerJob> RunnerJobs { get; }
    DbSet<WebhookDelivery> WebhookDeliveries { get; }
    DbSet<OrganizationSyncStatus> OrganizationSyncStatuses { get; }
    DbSet<UnmanagedRunnerReport> UnmanagedRunnerReports { get; }

    /// <summary>Forgets every tracked change (after a failed save, so one failure does not poison the next save).</summary>
    void DiscardPendingChanges();

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
