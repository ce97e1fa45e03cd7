using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunnerTokens.Infrastructure.Persistence;

namespace RunnerTokens.Infrastructure.Health;

/// <summary>
/// Ready when the database answers and every migration of this build is applied: a replica started before the
/// migration step (or against an older database) stays out of the load balancer instead of failing requests.
/// Once no migration is pending the answer is remembered (migrations are never un-applied), so later probes are
/// a single connection check.
/// </summary>
internal sealed class DatabaseReadinessCheck(AppDbContext db, DatabaseReadinessCheck.MigrationState migrations) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }

            if (migrations.AllApplied)
            {
                return HealthCheckResult.Healthy();
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            if (pending > 0)
            {
                return HealthCheckResult.Unhealthy($"{pending} migration(s) not applied (run `migrate`).");
            }

            migrations.AllApplied = true;
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception's type only: a connection error's message may name the server and user.
            return HealthCheckResult.Unhealthy($"The database check failed ({ex.GetType().Name}).");
        }
    }

    /// <summary>Process-wide: whether a probe has already seen every migration applied.</summary>
    internal sealed class MigrationState
    {
        public volatile bool AllApplied;
    }
}
