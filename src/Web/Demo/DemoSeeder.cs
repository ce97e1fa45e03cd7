using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RunnerTokens.Application.Identity.ResolvePrincipal;
using RunnerTokens.Application.MachineIdentities.CreateMachineIdentity;
using RunnerTokens.Application.Runners.ProvisionJitRunner;
using RunnerTokens.Application.Teams.CreateTeam;
using RunnerTokens.Application.Teams.ListTeams;
using RunnerTokens.Application.Teams.SetTeamMember;
using RunnerTokens.Application.Users.CreateUser;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Web.Security;

namespace RunnerTokens.Web.Demo;

/// <summary>
/// Development only: on an empty database, the demo world through the same use cases (and audit trail) a person
/// would use, as the Development admin: teams <c>platform</c> and <c>web</c> with policies, the Development member in
/// <c>web</c>, a machine identity, and a few runners in the GitHub simulator.
/// </summary>
internal sealed partial class DemoSeeder(IServiceScopeFactory scopes, DemoSeedOptions options, ILogger<DemoSeeder> logger) : IHostedService
{
    public const string Organization = "acme";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SeedAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSeedFailed(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var admin = DevelopmentPersona.Admin;
        var resolved = await sender.Send(
            new ResolvePrincipalCommand(DevelopmentPersona.Issuer, admin.Subject, admin.Email, true, admin.DisplayName, null, null, []),
            cancellationToken);
        if (resolved.IsFailure)
        {
            LogStep(logger, "resolve admin", resolved.Error!.Code);
            return;
        }

        scope.ServiceProvider.GetRequiredService<DashboardPrincipal>().Principal = resolved.Value;
        var teams = await sender.Send(new ListTeamsQuery(Limit: 1), cancellationToken);
        if (teams.IsFailure || teams.Value.Items.Count > 0)
        {
            return;
        }

        await CheckAsync("team platform", sender.Send(new CreateTeamCommand(
            "platform",
            "Build infrastructure and shared CI",
            Organization,
            new LabelPolicySettings(["platform"], ["large", "small", "gpu-.*"], [], null, 10, true, false)), cancellationToken));
        await CheckAsync("team web", sender.Send(new CreateTeamCommand(
            "web",
            "The public website and its front-end pipelines",
            Organization,
            new LabelPolicySettings(["web"], ["small", "node-[0-9]+"], [], null, 5, false, false)), cancellationToken));

        var member = DevelopmentPersona.Member;
        var user = await sender.Send(
            new CreateUserCommand(DevelopmentPersona.Issuer, member.Subject, member.Email, member.DisplayName, false), cancellationToken);
        if (user.IsSuccess)
        {
            await CheckAsync("member", sender.Send(new SetTeamMemberCommand("web", user.Value.Id, TeamRole.Member), cancellationToken));
        }

        await CheckAsync("machine identity", sender.Send(new CreateMachineIdentityCommand(
            "platform",
            "deploy-pipeline",
            "The platform repository's main branch",
            DevelopmentPersona.Issuer,
            "repo:acme/platform:ref:refs/heads/main",
            new Dictionary<string, string> { ["repository"] = "acme/platform" },
            false), cancellationToken));

        if (!options.ProvisionRunners)
        {
            return;
        }

        // Provisioning needs a team role, even for an admin: the admin maintains both demo teams.
        foreach (var team in new[] { "platform", "web" })
        {
            await CheckAsync("admin membership", sender.Send(new SetTeamMemberCommand(team, resolved.Value.Id, TeamRole.Maintainer), cancellationToken));
        }

        var maintainer = await sender.Send(
            new ResolvePrincipalCommand(DevelopmentPersona.Issuer, admin.Subject, admin.Email, true, admin.DisplayName, null, null, []),
            cancellationToken);
        scope.ServiceProvider.GetRequiredService<DashboardPrincipal>().Principal = maintainer.Value;

        string[][] runners = [["platform", "large"], ["platform", "gpu-a100"], ["web", "node-22"]];
        foreach (var (runner, index) in runners.Select((r, i) => (r, i)))
        {
            await CheckAsync("runner", sender.Send(
                new ProvisionJitRunnerCommand(runner[0], $"demo-{runner[0]}-{index + 1}", null, [runner[1]], null, null), cancellationToken));
        }
    }

    private async Task CheckAsync<T>(string step, ValueTask<Result<T>> sending)
    {
        var result = await sending;
        if (result.IsFailure)
        {
            LogStep(logger, step, result.Error!.Code);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seed step {Step} refused: {ErrorCode}")]
    private static partial void LogStep(ILogger logger, string step, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seed failed")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
