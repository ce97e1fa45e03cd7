using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Application.Audit.SealAuditTrail;

namespace RunnerTokens.Api.FunctionalTests.Audit;

internal static class AuditSealing
{
    /// <summary>Seals what is pending, as the sealing service does on its next run (verify itself never seals).</summary>
    public static async Task SealAuditTrailAsync(this RunnerTokensApiFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditTrailSealer>()
            .SealPendingAsync(AuditTrailSealer.DefaultBatchSize, AuditTrailSealer.DefaultMaxBatches, CancellationToken.None);
    }
}
