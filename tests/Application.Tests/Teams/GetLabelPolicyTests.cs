using RunnerTokens.Application.Teams.GetLabelPolicy;
using RunnerTokens.Application.Teams.ListLabelPolicyVersions;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class GetLabelPolicyTests : TeamsTestBase
{
    [TestCase(Caller.Admin, null)]
    [TestCase(Caller.Maintainer, null)]
    [TestCase(Caller.Member, null)]
    [TestCase(Caller.Machine, null)]
    [TestCase(Caller.NonMember, "team.not_found")]
    [TestCase(Caller.OtherTeamMachine, "team.not_found")]
    [TestCase(Caller.Anonymous, "auth.unauthenticated")]
    public async Task Whoever_sees_the_team_reads_its_policy_and_versions(Caller caller, string? code)
    {
        await ActAsAsync(caller);

        var current = await SendAsync(new GetLabelPolicyQuery(TeamA));
        var versions = await SendAsync(new ListLabelPolicyVersionsQuery(TeamA));

        if (code is null)
        {
            current.Value.Version.ShouldBe(1);
            versions.Value.Items.Count.ShouldBe(1);
        }
        else
        {
            current.Error!.Code.ShouldBe(code);
            versions.Error!.Code.ShouldBe(code);
        }
    }
}
