using System.Net;
using RunnerTokens.GitHub.Simulator;

namespace RunnerTokens.GitHub.Simulator.Host;

/// <summary>
/// The simulator's control API over HTTP, under <c>/_simulator</c> (a path GitHub never uses): inject faults
/// (<see cref="GitHubSimulator.InjectFault"/>), revoke installation tokens, read an organization's runners and the
/// simulator's counters (generate-jitconfig per name, token mints), for benchmarks and soak tests.
/// </summary>
internal static class SimulatorControl
{
    /// <summary>The body of <c>POST /_simulator/faults</c>: one fault per entry of <see cref="Count"/>.</summary>
    public sealed record FaultRequest(
        SimulatedFaultKind Kind,
        int Status = 503,
        string? Method = null,
        string? PathContains = null,
        bool AfterProcessing = false,
        int? RetryAfterSeconds = null,
        bool PrimaryRateLimit = false,
        int Count = 1,
        int DelayMilliseconds = 2000);

    public static void MapSimulatorControl(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_simulator");
        control.MapPost("/faults", (FaultRequest request, GitHubSimulator simulator) =>
        {
            var fault = new SimulatedFault(request.Kind)
            {
                Status = (HttpStatusCode)request.Status,
                Method = request.Method is null ? null : new HttpMethod(request.Method),
                PathContains = request.PathContains,
                AfterProcessing = request.AfterProcessing,
                RetryAfterSeconds = request.RetryAfterSeconds,
                PrimaryRateLimit = request.PrimaryRateLimit,
                DelayMilliseconds = Math.Clamp(request.DelayMilliseconds, 0, 60_000),
            };
            for (var i = 0; i < Math.Clamp(request.Count, 1, 10_000); i++)
            {
                simulator.InjectFault(fault);
            }

            return Results.NoContent();
        });
        control.MapDelete("/faults", (GitHubSimulator simulator) => Results.Ok(new { cleared = simulator.ClearFaults() }));
        control.MapGet("/orgs/{organization}/runners", (string organization, GitHubSimulator simulator) =>
        {
            var runners = simulator.GetRunners(organization);
            return Results.Ok(new { total = runners.Count, names = runners.Select(r => r.Name), runners = runners.Select(r => new { id = r.Id, name = r.Name }) });
        });
        control.MapGet("/requests/count", (GitHubSimulator simulator) => Results.Ok(new { total = simulator.Counters.Requests }));

        // Totals since start: generate-jitconfig calls per "org/name" and installation tokens minted per installation.
        control.MapGet("/counters", (GitHubSimulator simulator) =>
        {
            var counters = simulator.Counters;
            return Results.Ok(new
            {
                requests = counters.Requests,
                jitConfigRequestsByName = counters.JitConfigRequestsByName,
                tokenMintsByInstallation = counters.TokenMintsByInstallation.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value),
            });
        });

        // Every installation token stops working at once (the next call with one answers 401), as when GitHub revokes them.
        control.MapPost("/tokens/revoke", (GitHubSimulator simulator) =>
        {
            simulator.RevokeInstallationTokens();
            return Results.NoContent();
        });
    }
}
