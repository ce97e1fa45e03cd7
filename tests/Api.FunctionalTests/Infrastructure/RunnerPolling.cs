using System.Net;
using RunnerTokens.Api.Contracts.Runners;
using RunnerTokens.Application.Runners.GetRunner;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Api.FunctionalTests.Infrastructure;

/// <summary>Provisioning runners over HTTP and waiting (bounded) for the background webhook processor.</summary>
public static class RunnerPolling
{
    /// <summary>A team policy under which a JIT request without labels is admitted (one required label).</summary>
    public static readonly LabelPolicySettings Policy = LabelPolicySettings.Default with { RequiredLabels = ["team-ci"] };

    /// <summary>Longest wait for the background processor to apply a delivery.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    /// <summary><c>POST /api/v1/runners/jit</c> for <paramref name="team"/> (GitHub simulator); asserts 201.</summary>
    public static async Task<JitRunnerResponse> ProvisionJitAsync(HttpClient client, string team)
    {
        var response = await client.PostAsJsonAsync("/api/v1/runners/jit", new { team, namePrefix = "ci" });
        var runner = await response.ShouldBeJsonAsync<JitRunnerResponse>(HttpStatusCode.Created);
        runner.GitHubRunnerId.ShouldNotBeNull("the simulator assigns a GitHub runner id");
        return runner;
    }

    /// <summary>
    /// Polls <c>GET /api/v1/runners/{id}</c> until <paramref name="condition"/> holds or <see cref="MaxWait"/>
    /// passes; returns the last answer either way (the caller asserts on it, so a timeout fails with its state).
    /// </summary>
    public static async Task<RunnerView> WaitForRunnerAsync(HttpClient client, Guid id, Func<RunnerView, bool> condition)
    {
        var deadline = DateTime.UtcNow + MaxWait;
        while (true)
        {
            var details = await (await client.GetAsync($"/api/v1/runners/{id}")).ShouldBeJsonAsync<RunnerView>();
            if (condition(details) || DateTime.UtcNow >= deadline)
            {
                return details;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>
    /// The fields of <c>GET /api/v1/runners/{id}</c> these tests read (the contract handler validates the whole body
    /// against the committed document).
    /// </summary>
    public sealed record RunnerView(Guid Id, RunnerStatus Status, DateTimeOffset? DeletedAt, IReadOnlyList<RunnerJobDto> Jobs);
}
