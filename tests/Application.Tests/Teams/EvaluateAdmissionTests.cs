using RunnerTokens.Application.Teams.ChangeLabelPolicy;
using RunnerTokens.Application.Teams.DeactivateTeam;
using RunnerTokens.Application.Teams.EvaluateAdmission;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class EvaluateAdmissionTests : TeamsTestBase
{
    [SetUp]
    public async Task SetPolicyAsync()
    {
        await ActAsAsync(Caller.Admin);
        await SendAsync(new ChangeLabelPolicyCommand(TeamA, Settings(required: ["team-a"], patterns: ["gpu-.*"], groups: [5], defaultGroup: 4, max: 3)));
    }

    [TestCase(Caller.Admin, null)]
    [TestCase(Caller.Maintainer, null)]
    [TestCase(Caller.Member, null)]
    [TestCase(Caller.Machine, null)]
    [TestCase(Caller.NonMember, "team.not_found")]
    [TestCase(Caller.OtherTeamMachine, "team.not_found")]
    [TestCase(Caller.Anonymous, "auth.unauthenticated")]
    public async Task Members_maintainers_machines_and_admins_evaluate(Caller caller, string? code)
    {
        await ActAsAsync(caller);

        var result = await SendAsync(new EvaluateAdmissionQuery(TeamA, ["gpu-a100"], null));

        if (code is null)
        {
            result.Value.Admitted.ShouldBeTrue();
            result.Value.FinalLabels.ShouldBe(["team-a", "gpu-a100"]);
            result.Value.RunnerGroupId.ShouldBe(4);
            result.Value.PolicyVersion.ShouldBe(2);
            result.Value.Violations.ShouldBeEmpty();
        }
        else
        {
            result.Error!.Code.ShouldBe(code);
        }
    }

    [Test]
    public async Task A_refusal_is_an_answer_listing_every_violation()
    {
        LiveRunners.Counts[TeamAInfo.Id] = 3;
        await ActAsAsync(Caller.Member);

        var result = await SendAsync(new EvaluateAdmissionQuery(TeamA, ["gpu-a100", "cpu", "self-hosted"], 9));

        result.IsSuccess.ShouldBeTrue();
        var decision = result.Value;
        decision.Admitted.ShouldBeFalse();
        decision.FinalLabels.ShouldBeNull();
        decision.RunnerGroupId.ShouldBeNull();
        decision.LiveRunners.ShouldBe(3);
        decision.MaxRunners.ShouldBe(3);
        decision.Violations.Select(v => v.Code).ShouldBe(["label.not_allowed", "label.reserved_by_github", "runner_group.not_allowed", "quota.exceeded"]);
        decision.Violations.Last().Current.ShouldBe(3);
        decision.Violations.Last().Max.ShouldBe(3);
    }

    [Test]
    public async Task One_below_the_quota_is_admitted()
    {
        LiveRunners.Counts[TeamAInfo.Id] = 2;
        await ActAsAsync(Caller.Machine);

        (await SendAsync(new EvaluateAdmissionQuery(TeamA, [], 5))).Value.Admitted.ShouldBeTrue();
    }

    [Test]
    public async Task A_deactivated_team_admits_nothing()
    {
        await ActAsAsync(Caller.Admin);
        await SendAsync(new DeactivateTeamCommand(TeamA, "budget"));
        await ActAsAsync(Caller.Member);

        var decision = (await SendAsync(new EvaluateAdmissionQuery(TeamA, [], null))).Value;

        decision.Admitted.ShouldBeFalse();
        decision.Violations.Select(v => v.Code).ShouldBe(["team.deactivated"]);
    }

    [Test]
    public async Task A_dry_run_writes_nothing()
    {
        var before = (await AuditEventsAsync()).Count;
        await ActAsAsync(Caller.Member);

        await SendAsync(new EvaluateAdmissionQuery(TeamA, ["cpu"], null));

        (await AuditEventsAsync()).Count.ShouldBe(before);
    }

    [Test]
    public async Task More_than_1000_labels_are_refused_as_a_malformed_request()
    {
        await ActAsAsync(Caller.Member);

        await Should.ThrowAsync<FluentValidation.ValidationException>(() =>
            SendAsync(new EvaluateAdmissionQuery(TeamA, [.. Enumerable.Range(0, 1001).Select(i => $"l{i}")], null)));
    }
}
