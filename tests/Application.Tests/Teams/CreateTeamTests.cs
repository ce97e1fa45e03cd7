using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RunnerTokens.Application.Teams.CreateTeam;
using RunnerTokens.Domain.Teams;

namespace RunnerTokens.Application.Tests.Teams;

public sealed class CreateTeamTests : TeamsTestBase
{
    [Test]
    public async Task An_admin_creates_a_team_with_default_policy_version_1()
    {
        await ActAsAsync(Caller.Admin);

        var result = await SendAsync(new CreateTeamCommand("team-c", "  Platform  ", "acme", null));

        result.IsSuccess.ShouldBeTrue();
        result.Value.Name.ShouldBe("team-c");
        result.Value.Description.ShouldBe("Platform");
        result.Value.IsActive.ShouldBeTrue();
        result.Value.PolicyVersion.ShouldBe(1);
        result.Value.CreatedAt.ShouldBe(Clock.GetUtcNow());
        var policy = await WithDbAsync(db => db.LabelPolicies.SingleAsync(p => p.TeamId == result.Value.Id));
        policy.Version.ShouldBe(1);
        policy.RequiredLabels.ShouldBeEmpty();
        policy.AllowRegistrationTokens.ShouldBeFalse();
        policy.AllowPersistentRunners.ShouldBeFalse();
        policy.CreatedBy.ShouldBe(Admin.Id.ToString());
    }

    [Test]
    public async Task A_team_can_be_created_with_its_first_policy()
    {
        await ActAsAsync(Caller.Admin);

        var result = await SendAsync(new CreateTeamCommand("team-c", null, "acme", Settings(required: ["team-c"], patterns: ["gpu-.*"], max: 3)));

        var policy = await WithDbAsync(db => db.LabelPolicies.SingleAsync(p => p.TeamId == result.Value.Id));
        policy.RequiredLabels.ShouldBe(["team-c"]);
        policy.AllowedLabelPatterns.ShouldBe(["gpu-.*"]);
        policy.MaxRunners.ShouldBe(3);
    }

    [Test]
    public async Task Creation_is_audited_with_the_team_and_its_first_policy()
    {
        await ActAsAsync(Caller.Admin);

        var team = (await SendAsync(new CreateTeamCommand("team-c", "C", "acme", Settings(required: ["team-c"])))).Value;

        var created = (await AuditEventsAsync("team.created")).Single(e => e.TeamId == team.Id);
        created.ActorId.ShouldBe(Admin.Id.ToString());
        created.TargetType.ShouldBe("team");
        created.TargetId.ShouldBe(team.Id.ToString());
        using var details = JsonDocument.Parse(created.DetailsJson);
        details.RootElement.GetProperty("before").ValueKind.ShouldBe(JsonValueKind.Null);
        details.RootElement.GetProperty("after").GetProperty("name").GetString().ShouldBe("team-c");
        var policy = (await AuditEventsAsync("team.policy_changed")).Single(e => e.TeamId == team.Id);
        using var policyDetails = JsonDocument.Parse(policy.DetailsJson);
        policyDetails.RootElement.GetProperty("afterVersion").GetInt32().ShouldBe(1);
        policyDetails.RootElement.GetProperty("beforeVersion").ValueKind.ShouldBe(JsonValueKind.Null);
        policyDetails.RootElement.GetProperty("after").GetProperty("requiredLabels")[0].GetString().ShouldBe("team-c");
    }

    [TestCase(Caller.Maintainer, "auth.admin_required")]
    [TestCase(Caller.Member, "auth.admin_required")]
    [TestCase(Caller.NonMember, "auth.admin_required")]
    [TestCase(Caller.Machine, "auth.admin_required")]
    [TestCase(Caller.Anonymous, "auth.unauthenticated")]
    public async Task Only_admins_create_teams(Caller caller, string code)
    {
        await ActAsAsync(caller);

        var result = await SendAsync(new CreateTeamCommand("team-c", null, "acme", null));

        result.Error!.Code.ShouldBe(code);
        (await WithDbAsync(db => db.Teams.AnyAsync(t => t.Name == "team-c"))).ShouldBeFalse();
    }

    [TestCase("team-a", "team.name_taken")]
    [TestCase("Team-C", "team.invalid_name")]
    [TestCase("t", "team.invalid_name")]
    [TestCase("team_c", "team.invalid_name")]
    public async Task Names_are_unique_slugs(string name, string code)
    {
        await ActAsAsync(Caller.Admin);

        var result = await SendAsync(new CreateTeamCommand(name, null, "acme", null));

        result.Error!.Code.ShouldBe(code);
    }

    [Test]
    public async Task The_organization_must_be_a_valid_GitHub_name()
    {
        await ActAsAsync(Caller.Admin);

        var result = await SendAsync(new CreateTeamCommand("team-c", null, "-acme", null));

        result.Error!.Code.ShouldBe("team.invalid_organization");
    }

    [Test]
    public async Task With_configured_organizations_only_those_are_accepted_in_their_configured_spelling()
    {
        Organizations.Organizations.AddRange(["Acme", "acme-labs"]);
        await ActAsAsync(Caller.Admin);

        var unknown = await SendAsync(new CreateTeamCommand("team-c", null, "other", null));
        var known = await SendAsync(new CreateTeamCommand("team-d", null, "ACME", null));

        unknown.Error!.Code.ShouldBe("team.unknown_organization");
        known.Value.Organization.ShouldBe("Acme");
    }

    [Test]
    public async Task An_invalid_first_policy_creates_nothing()
    {
        await ActAsAsync(Caller.Admin);

        var result = await SendAsync(new CreateTeamCommand("team-c", null, "acme", Settings(required: ["self-hosted"], patterns: ["(?=x)"])));

        result.Error!.Code.ShouldBe("team.policy_invalid");
        var violations = (IReadOnlyList<LabelPolicyViolation>)result.Error.Details["violations"]!;
        violations.Select(v => v.Code).ShouldBe(["label.reserved_by_github", "pattern.unsupported"]);
        (await WithDbAsync(db => db.Teams.AnyAsync(t => t.Name == "team-c"))).ShouldBeFalse();
        (await AuditEventsAsync("team.created")).Count.ShouldBe(2, "only the two teams of the fixture");
    }

    [Test]
    public async Task A_missing_name_is_a_validation_failure()
    {
        await ActAsAsync(Caller.Admin);

        var failure = await Should.ThrowAsync<ValidationException>(() => SendAsync(new CreateTeamCommand(null!, null, "acme", null)));

        failure.Errors.ShouldContain(e => e.PropertyName == "Name");
    }

    [Test]
    public async Task The_database_refuses_a_second_team_with_the_same_name()
    {
        // The handler checks first; the unique index is what holds under concurrent requests.
        var duplicate = Team.Create(TeamA, null, "acme", Start).Value;

        await Should.ThrowAsync<DbUpdateException>(() => WithDbAsync(async db =>
        {
            db.Teams.Add(duplicate);
            await db.SaveChangesAsync();
        }));
    }
}
