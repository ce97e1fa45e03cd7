using System.Diagnostics;
using System.Runtime;
using Microsoft.AspNetCore.Authorization;

namespace RunnerTokens.Api.Observability;

/// <summary>
/// Endpoints for bench/run.sh, mapped only when <c>Bench:Enabled</c> is true (never in a deployment; a test proves
/// they are absent otherwise): <c>GET /bench/bare</c>, the reference ceiling (the same bearer-token validation as
/// every API call, then a constant answer: no principal resolution, no mediator, no database), and
/// <c>GET /bench/stats</c>, this process's cumulative runtime figures, read before and after each load run.
/// </summary>
internal static class BenchEndpoints
{
    public const string EnabledSetting = "Bench:Enabled";

    public static void MapBenchEndpoints(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(EnabledSetting))
        {
            return;
        }

        // Anonymous as far as authorization goes (so the principal resolution middleware skips it), but the
        // authentication middleware has already validated the bearer token with the issuer's scheme.
        app.MapGet("/bench/bare", (HttpContext context) =>
            context.User.Identity?.IsAuthenticated == true ? Results.Ok(new BareAnswer(true)) : Results.Unauthorized())
            .AllowAnonymous()
            .ExcludeFromDescription();

        app.MapGet("/bench/stats", () =>
        {
            using var process = Process.GetCurrentProcess();
            var memory = GC.GetGCMemoryInfo();
            return Results.Ok(new BenchStats(
                process.TotalProcessorTime.TotalMilliseconds,
                GC.GetTotalAllocatedBytes(precise: false),
                GC.CollectionCount(0),
                GC.CollectionCount(1),
                GC.CollectionCount(2),
                System.Runtime.JitInfo.GetCompiledMethodCount(),
                Monitor.LockContentionCount,
                process.WorkingSet64,
                memory.FinalizationPendingCount,
                GCSettings.IsServerGC,
                memory.HeapSizeBytes,
                memory.TotalCommittedBytes));
        }).AllowAnonymous().ExcludeFromDescription();
    }

    internal sealed record BareAnswer(bool Ok);

    internal sealed record BenchStats(
        double CpuMilliseconds,
        long AllocatedBytes,
        int Gen0Collections,
        int Gen1Collections,
        int Gen2Collections,
        long JitCompiledMethods,
        long LockContentions,
        long WorkingSetBytes,
        long FinalizationPending,
        bool ServerGc,
        long GcHeapBytes,
        long GcCommittedBytes);
}
