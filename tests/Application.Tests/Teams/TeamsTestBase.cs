using RunnerTokens.Application.Runners.ProvisionJitRunner;
using RunnerTokens.Application.Teams.ChangeLabelPolicy;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Application.Teams.CreateTeam;
using RunnerTokens.Application.Tests.Infrastructure;
using RunnerTokens.Domain.Identity;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Teams;

/// <summary>
/// team-a (with a maintainer and a member) and team-b exist, created by an admin; an outsider belongs to
/// neither. <see cref="ActAsAsync(Caller)"/> switches the caller.
/// </summary>
public abstract class TeamsTestBase : SqliteHandlerTestBase
{
    protected const string TeamA = "team-a";
    protected const string TeamB = "team-b";

    protected User Admin { get; private set; } = null!;
    protected User Maintainer { get; private set; } = null!;
    protected User Member { get; private set; } = null!;
    protected User Outsider { get; private set; } = null!;
    protected TeamDto TeamAInfo { get; private set; } = null!;
    protected TeamDto TeamBInfo { get; private set; } = null!;

    [SetUp]
    public async Task SeedTeamsAsync()
    {
        Admin = await SeedUserAsync("admin", isAdmin: true);
        Maintainer = await SeedUserAsync("maintainer");
        Member = await SeedUserAsync("member");
        Outsider = await SeedUserAsync("outsider");

        await ActAsAsync(Admin);
        TeamAInfo = (await SendAsync(new CreateTeamCommand(TeamA, "Team A", "acme", null))).Value;
        Clock.Advance(TimeSpan.FromSeconds(1));
        TeamBInfo = (await SendAsync(new CreateTeamCommand(TeamB, "Team B", "acme", null))).Value;
        await AddMembershipAsync(TeamAInfo.Id, Maintainer.Id, TeamRole.Maintainer);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await AddMembershipAsync(TeamAInfo.Id, Member.Id, TeamRole.Member);
        Clock.Advance(TimeSpan.FromSeconds(1));
        CurrentPrincipal.Principal = null;
    }

    protected async Task ActAsAsync(Caller caller)
    {
        switch (caller)
        {
            case Caller.Admin:
                await ActAsAsync(Admin);
                break;
            case Caller.Maintainer:
                await ActAsAsync(Maintainer);
                break;
            case Caller.Member:
                await ActAsAsync(Member);
                break;
            case Caller.NonMember:
                await ActAsAsync(Outsider);
                break;
            case Caller.Machine:
                ActAsMachine(TeamAInfo.Id, TeamA);
                break;
            case Caller.OtherTeamMachine:
                ActAsMachine(TeamBInfo.Id, TeamB);
                break;
            case Caller.Anonymous:
                ActAsAnonymous();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(caller), caller, null);
        }
    }

    /// <summary>Sets team A's policy as an admin, then acts as the previous caller again.</summary>
    protected async Task SetPolicyAsync(LabelPolicySettings settings)
    {
        var previous = CurrentPrincipal.Principal;
        await ActAsAsync(Caller.Admin);
        (await SendAsync(new ChangeLabelPolicyCommand(TeamA, settings))).IsSuccess.ShouldBeTrue();
        CurrentPrincipal.Principal = previous;
    }

    /// <summary>Provisions a JIT runner of team A (labelled <c>team-a-x</c>) as the current caller and returns its id.</summary>
    protected async Task<Guid> ProvisionAsync(string name)
    {
        var result = await SendAsync(new ProvisionJitRunnerCommand(TeamA, name, null, ["team-a-x"], null, null));
        result.IsSuccess.ShouldBeTrue(result.Error?.Code);
        return result.Value.Runner.Id;
    }

    protected static LabelPolicySettings Settings(
        string[]? required = null,
        string[]? patterns = null,
        long[]? groups = null,
        long? defaultGroup = null,
        int? max = null,
        bool registrationTokens = false) =>
        new(required ?? [], patterns ?? [], groups ?? [], defaultGroup, max, registrationTokens, AllowPersistentRunners: false);
}
