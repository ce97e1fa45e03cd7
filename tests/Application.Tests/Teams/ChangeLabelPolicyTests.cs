using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Teams.ChangeLabelPolicy;
using RunnerTokens.Application.Teams.GetLabelPolicy;
using RunnerTokens.Application.Teams.GetTeam;
using RunnerTokens.Application.Teams.ListLabelPolicyVersions;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class ChangeLabelPolicyTests : TeamsTestBase
{
    [Test]
    public async Task Each_change_adds_a_version_and_keeps_the_old_ones()
    {
        await ActAsAsync(Caller.Admin);

        var second = (await SendAsync(new ChangeLabelPolicyCommand(TeamA, Settings(required: ["team-a"], max: 5)))).Value;
        Clock.Advance(TimeSpan.FromMinutes(1));
        var third = (await SendAsync(new ChangeLabelPolicyCommand(TeamA, Settings(required: ["team-a"], patterns: ["gpu-.*"], max: 10)))).Value;

        second.Version.ShouldBe(2);
        third.Version.ShouldBe(3);
        var versions = (await SendAsync(new ListLabelPolicyVersionsQuery(TeamA))).Value.Items;
        versions.Select(v => v.Version).ShouldBe([3, 2, 1]);
        versions[1].MaxRunners.ShouldBe(5);
        versions[1].AllowedLabelPatterns.ShouldBeEmpty();
        versions[2].RequiredLabels.ShouldBeEmpty();
        var current = (await SendAsync(new GetLabelPolicyQuery(TeamA))).Value;
        current.Version.ShouldBe(third.Version);
        current.CreatedAt.ShouldBe(third.CreatedAt);
        current.Version.ShouldBe(3);
        current.AllowedLabelPatterns.ShouldBe(["gpu-.*"]);
        (await SendAsync(new GetTeamQuery(TeamA))).Value.PolicyVersion.ShouldBe(3);
    }

    [Test]
    public async Task Each_change_is_audited_with_both_versions_in_full()
    {
        await ActAsAsync(Caller.Admin);

        var changed = (await SendAsync(new ChangeLabelPolicyCommand(TeamA, Settings(required: ["team-a"], groups: [4], defaultGroup: 4, max: 5, registrationTokens: true)))).Value;

        var changedId = await WithDbAsync(db => db.LabelPolicies.Where(p => p.TeamId == TeamAInfo.Id && p.Version == changed.Version).Select(p => p.Id).SingleAsync());
        var audit = (await AuditEventsAsync("team.policy_changed")).Single(e => e.TeamId == TeamAInfo.Id && e.TargetId == changedId.ToString());
        audit.ActorId.ShouldBe(Admin.Id.ToString());
        audit.TargetType.ShouldBe("label_policy");
        using var details = JsonDocument.Parse(audit.DetailsJson);
        var root = details.RootElement;
        root.GetProperty("team").GetString().ShouldBe(TeamA);
        root.GetProperty("beforeVersion").GetInt32().ShouldBe(1);
        root.GetProperty("afterVersion").GetInt32().ShouldBe(2);
        root.GetProperty("before").GetProperty("maxRunners").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("before").GetProperty("requiredLabels").GetArrayLength().ShouldBe(0);
        root.GetProperty("after").GetProperty("maxRunners").GetInt32().ShouldBe(5);
        root.GetProperty("after").GetProperty("requiredLabels")[0].GetString().ShouldBe("team-a");
        root.GetProperty("after").GetProperty("allowedRunnerGroupIds")[0].GetInt64().ShouldBe(4);
        root.GetProperty("after").GetProperty("defaultRunnerGroupId").GetInt64().ShouldBe(4);
        root.GetProperty("after").GetProperty("allowRegistrationTokens").GetBoolean().ShouldBeTrue();
        root.GetProperty("after").GetProperty("id").GetGuid().ShouldBe(changedId);
        root.GetProperty("after").GetProperty("teamId").GetGuid().ShouldBe(TeamAInfo.Id);
    }

    [Test]
    public async Task Saving_the_current_settings_again_changes_nothing()
    {
        await ActAsAsync(Caller.Admin);
        await SendAsync(new ChangeLabelPolicyCommand(TeamA, Settings(required: ["team-a"])));

        var again = (await SendAsync(new ChangeLabelPolicyCommand(TeamA, Settings(required: ["team-a"])))).Value;

        again.Version.ShouldBe(2);
        (await AuditEventsAsync("team.policy_changed")).Count(e => e.TeamId == TeamAInfo.Id).ShouldBe(2, "creation (v1) and the one change (v2)");
    }

    [Test]
    public async Task An_invalid_policy_makes_no_version_and_lists_every_violation()
    {
        await ActAsAsync(Caller.Admin);

        var result = await SendAsync(new ChangeLabelPolicyCommand(TeamA, Settings(required: ["linux", "ok"], patterns: ["team-a-.*", "(a)\\1"], max: -1)));

        result.Error!.Code.ShouldBe("team.policy_invalid");
        var violations = (IReadOnlyList<LabelPolicyViolation>)result.Error.Details["violations"]!;
        violations.Select(v => v.Field).ShouldBe(["requiredLabels[0]", "allowedLabelPatterns[1]", "maxRunners"]);
        (await WithDbAsync(db => db.LabelPolicies.CountAsync(p => p.TeamId == TeamAInfo.Id))).ShouldBe(1);
    }

    [TestCase(Caller.Maintainer, "auth.admin_required")]
    [TestCase(Caller.Member, "auth.admin_required")]
    [TestCase(Caller.Machine, "auth.admin_required")]
    [TestCase(Caller.NonMember, "team.not_found")]
    [TestCase(Caller.OtherTeamMachine, "team.not_found")]
    [TestCase(Caller.Anonymous, "auth.unauthenticated")]
    public async Task Only_admins_change_policies(Caller caller, string code)
    {
        await ActAsAsync(caller);

        var result = await SendAsync(new ChangeLabelPolicyCommand(TeamA, Settings(max: 100)));

        result.Error!.Code.ShouldBe(code);
        (await WithDbAsync(db => db.LabelPolicies.CountAsync(p => p.TeamId == TeamAInfo.Id))).ShouldBe(1);
    }

    [Test]
    public async Task The_database_keeps_one_row_per_team_and_version()
    {
        // Two concurrent changes both computing version 2: the unique index lets only one in.
        var duplicate = await WithDbAsync(async db => (await db.LabelPolicies.SingleAsync(p => p.TeamId == TeamAInfo.Id)));
        var competing = LabelPolicy.First(TeamAInfo.Id, LabelPolicySettings.Default, "other", Start).Value;
        duplicate.Version.ShouldBe(competing.Version);

        await Should.ThrowAsync<DbUpdateException>(() => WithDbAsync(async db =>
        {
            db.LabelPolicies.Add(competing);
            await db.SaveChangesAsync();
        }));
    }

    [Test]
    public async Task Lists_survive_the_round_trip_through_the_database()
    {
        await ActAsAsync(Caller.Admin);
        var labels = new[] { "Team-A", "gpu.large_1" };
        var patterns = new[] { "team-a-.*", "size-(s|m|l)", "quote\"d" };

        await SendAsync(new ChangeLabelPolicyCommand(TeamA, Settings(required: labels, patterns: patterns, groups: [2, 9_000_000_000])));

        var stored = await WithDbAsync(db => db.LabelPolicies.AsNoTracking().SingleAsync(p => p.TeamId == TeamAInfo.Id && p.Version == 2));
        stored.RequiredLabels.ShouldBe(labels);
        stored.AllowedLabelPatterns.ShouldBe(patterns);
        stored.AllowedRunnerGroupIds.ShouldBe([2L, 9_000_000_000L]);
    }
}
