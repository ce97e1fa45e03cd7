using System.Diagnostics;
using System.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RunnerTokens.Application.Common.Interfaces;
using RunnerTokens.Application.Common.Paging;
using RunnerTokens.Application.Runners.Common;

namespace RunnerTokens.Api.Observability;

/// <summary>
/// Endpoints for bench/run.sh, mapped only when <c>Bench:Enabled</c> is true (never in a deployment; a test proves
/// they are absent otherwise): <c>GET /bench/bare</c>, the reference ceiling (the same bearer-token validation as
/// every API call, then a constant answer: no principal resolution, no mediator, no database), and
/// <c>GET /bench/query?team=ID</c>, the list's floor (the same token validation, then the list's own compiled query
/// for one team's live runners on a pooled context, written with the API's JSON options: no principal resolution,
/// MVC, mediator or validation), and <c>GET /bench/stats</c>, this process's cumulative runtime figures, read
/// before and after each load run.
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

        app.MapGet("/bench/query", async (HttpContext context, Guid team, IAppDbContext db, IOptions<Microsoft.AspNetCore.Mvc.JsonOptions> json, CancellationToken cancellationToken) =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                return Results.Unauthorized();
            }

            var rows = new List<RunnerDto>(PageLimits.Default + 1);
            await foreach (var row in RunnerQueries.LiveOfTeam((DbContext)db, team, "bench", PageLimits.Default + 1).WithCancellation(cancellationToken))
            {
                rows.Add(row);
            }

            return Results.Json(rows, json.Value.JsonSerializerOptions);
        }).AllowAnonymous().ExcludeFromDescription();

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
