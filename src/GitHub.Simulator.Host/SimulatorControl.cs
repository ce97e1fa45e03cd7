using System.Net;
using RunnerTokens.GitHub.Simulator;

namespace RunnerTokens.GitHub.Simulator.Host;

/// <summary>
/// The simulator's control API over HTTP, under <c>/_simulator</c> (a path GitHub never uses): inject faults
/// (<see cref="GitHubSimulator.InjectFault"/>) and read an organization's runners, for benchmarks and soak tests.
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
        int Count = 1);

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
            };
            for (var i = 0; i < Math.Clamp(request.Count, 1, 10_000); i++)
            {
                simulator.InjectFault(fault);
            }

            return Results.NoContent();
        });
        control.MapGet("/orgs/{organization}/runners", (string organization, GitHubSimulator simulator) =>
        {
            var runners = simulator.GetRunners(organization);
            return Results.Ok(new { total = runners.Count, names = runners.Select(r => r.Name) });
        });
        control.MapGet("/requests/count", (GitHubSimulator simulator) => Results.Ok(new { total = simulator.Requests.Count }));
    }
}
