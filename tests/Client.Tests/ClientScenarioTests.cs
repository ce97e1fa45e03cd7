using System.Net;
using RunnerTokens.Api.FunctionalTests.Infrastructure;

namespace RunnerTokens.Client.Tests;

/// <summary>
/// The client package through a platform team's whole scenario against the real host on a loopback port: an admin
/// creates a team, sets its policy and adds a member; the member and a GitHub Actions workflow provision JIT runners;
/// the member pages through them, reads one, deletes it and reads the audit trail; refusals arrive as typed problems.
/// </summary>
[NonParallelizable]
public sealed class ClientScenarioTests
{
    private const string Organization = "acme";
    private LoopbackHost _host = null!;

    private static TestIssuerServer Issuers => LoopbackHost.Issuers;

    [OneTimeSetUp]
    public void StartHost() => _host = LoopbackHost.Start();

    [OneTimeTearDown]
    public async Task StopHost() => await _host.DisposeAsync();

    [Test]
    public async Task A_team_provisions_pages_reads_deletes_and_audits_runners_through_the_client()
    {
        var admin = _host.Client(LoopbackHost.AdminToken);
        var teamName = Unique("payments");
        var memberSubject = Unique("dev");

        var team = await admin.CreateTeamAsync(new CreateTeamRequest { Name = teamName, Organization = Organization, Description = "Payments CI" });
        var policy = await admin.SetTeamPolicyAsync(teamName, new ReplaceLabelPolicyRequest
        {
            RequiredLabels = [teamName],
            AllowedLabelPatterns = ["gpu", "linux-*"],
            AllowedRunnerGroupIds = [],
            DefaultRunnerGroupId = null,
            MaxRunners = null,
            AllowRegistrationTokens = false,
            AllowPersistentRunners = false,
        });
        var patched = await admin.PatchTeamPolicyAsync(teamName, new PatchLabelPolicyRequest { MaxRunners = 10 }, if_Match: $"\"{policy.Version}\"");
        var user = await admin.CreateUserAsync(new CreateUserRequest { Issuer = Issuers.Primary.IssuerId, Subject = memberSubject, Email = $"{memberSubject}@example.com" });
        var membership = await admin.SetTeamMemberAsync(teamName, user.Id, new SetTeamMemberRequest { Role = TeamRole.Maintainer });

        team.Name.ShouldBe(teamName);
        policy.MaxRunners.ShouldBeNull("a whole policy sends maxRunners: null (unlimited) rather than leaving it out");
        patched.Version.ShouldBe(policy.Version + 1);
        patched.MaxRunners.ShouldBe(10);
        patched.AllowedLabelPatterns.ShouldBe(["gpu", "linux-*"], "a merge patch leaves out what was not set, so the rest stays");
        patched.RequiredLabels.ShouldBe([teamName]);
        membership.Role.ShouldBe(TeamRole.Maintainer);

        var member = _host.Client(() => Issuers.Primary.UserToken(memberSubject, email: $"{memberSubject}@example.com"));
        var provisioned = new List<JitRunnerResponse>();
        for (var i = 0; i < 3; i++)
        {
            provisioned.Add(await member.ProvisionJitRunnerAsync(new ProvisionJitRunnerRequest { Team = teamName, NamePrefix = "ci", Labels = ["gpu"] }));
        }

        var first = provisioned[0];
        first.Team.ShouldBe(teamName);
        first.Labels.ShouldContain("gpu");
        first.Labels.ShouldContain(teamName);
        first.Status.ShouldBe(RunnerStatus.Pending);
        first.EncodedJitConfig.ShouldNotBeNullOrWhiteSpace();
        first.RunCommand.ShouldContain($"--jitconfig {first.EncodedJitConfig}");
        first.RunArguments.ShouldBe(["--jitconfig", first.EncodedJitConfig]);
        first.ToString().ShouldNotContain(first.EncodedJitConfig, customMessage: "the secret stays out of logs");

        var runners = new List<RunnerDto>();
        await foreach (var runner in member.ListAllRunnersAsync(team: teamName, pageSize: 2))
        {
            runners.Add(runner);
        }

        runners.Select(r => r.Id).ShouldBe(provisioned.Select(p => p.Id), ignoreOrder: true, "three runners over two pages of two");
        (await member.ListRunnersAsync(team: teamName, limit: 2)).NextCursor.ShouldNotBeNull("the listing really had a second page");

        var details = await member.GetRunnerAsync(first.Id);
        details.Name.ShouldBe(first.Name);
        details.Kind.ShouldBe(RunnerKind.Jit);

        await member.DeleteRunnerAsync(first.Id);
        var deleted = await member.GetRunnerAsync(first.Id);
        deleted.Status.ShouldBe(RunnerStatus.Deleted);
        deleted.DeletionReason.ShouldBe(RunnerDeletionReason.Requested);

        var audit = new List<AuditEventDto>();
        await foreach (var auditEvent in member.ListAllAuditEventsAsync(team: teamName, pageSize: 3))
        {
            audit.Add(auditEvent);
        }

        audit.Count(e => e.Action == "runner.jit_provisioned" && e.Outcome == AuditOutcome.Succeeded).ShouldBe(3);
        audit.ShouldContain(e => e.Action == "runner.deleted" && e.TargetId == first.Id.ToString() && e.ActorKind == PrincipalKind.User);
        (await admin.VerifyAuditTrailAsync()).Valid.ShouldBeTrue();
    }

    [Test]
    public async Task A_GitHub_Actions_workflow_provisions_with_its_OIDC_token()
    {
        var admin = _host.Client(LoopbackHost.AdminToken);
        var teamName = Unique("deploys");
        var actions = new GitHubActionsClaims { Repository = $"acme/{teamName}" };
        await admin.CreateTeamAsync(new CreateTeamRequest { Name = teamName, Organization = Organization, Policy = new LabelPolicyRequest { RequiredLabels = [teamName] } });
        await admin.CreateMachineIdentityAsync(teamName, new CreateMachineIdentityRequest
        {
            Name = "deploy-workflow",
            Issuer = Issuers.GitHubActions.IssuerId,
            Subject = actions.Subject,
            ClaimConditions = new Dictionary<string, string> { ["repository_owner"] = "acme" },
        });
        var workflow = _host.Client(() => Issuers.GitHubActions.GitHubActionsToken(actions));

        var runner = await workflow.ProvisionJitRunnerAsync(new ProvisionJitRunnerRequest { NamePrefix = "deploy" });

        runner.Team.ShouldBe(teamName, "a machine identity of one team may leave the team out");
        (await workflow.GetRunnerAsync(runner.Id)).ProvisionedByKind.ShouldBe("machine");
    }

    [Test]
    public async Task A_refused_provisioning_is_a_typed_problem_with_its_violations()
    {
        var admin = _host.Client(LoopbackHost.AdminToken);
        var teamName = Unique("strict");
        await admin.CreateTeamAsync(new CreateTeamRequest
        {
            Name = teamName,
            Organization = Organization,
            Policy = new LabelPolicyRequest { AllowedLabelPatterns = ["gpu"] },
        });
        var member = await MemberOfAsync(admin, teamName);

        var refused = await Should.ThrowAsync<RunnerTokensProblemException>(() =>
            member.ProvisionJitRunnerAsync(new ProvisionJitRunnerRequest { Team = teamName, NamePrefix = "ci", Labels = ["gpu", "crypto-miner"] }));

        refused.Status.ShouldBe(HttpStatusCode.Forbidden);
        refused.ErrorCode.ShouldBe("runner.label_not_allowed");
        refused.IsRefusal.ShouldBeTrue();
        refused.Title.ShouldNotBeNullOrWhiteSpace();
        refused.TraceId.ShouldNotBeNullOrWhiteSpace();
        var violation = refused.Violations.ShouldHaveSingleItem();
        violation.Code.ShouldBe("label.not_allowed");
        violation.Label.ShouldBe("crypto-miner");
        violation.Kind.ShouldBe(ProblemViolationKind.Label);
        refused.Problem.ShouldNotBeNull().ErrorCode.ShouldBe(ProblemErrorCode.Runner_label_not_allowed);
        refused.Problem.PolicyVersion.ShouldBe(1);
        refused.Message.ShouldContain("runner.label_not_allowed");
    }

    [Test]
    public async Task A_missing_runner_is_a_typed_404_problem()
    {
        var admin = _host.Client(LoopbackHost.AdminToken);

        var missing = await Should.ThrowAsync<RunnerTokensProblemException>(() => admin.GetRunnerAsync(Guid.NewGuid()));

        missing.Status.ShouldBe(HttpStatusCode.NotFound);
        missing.ErrorCode.ShouldBe("runner.not_found");
        missing.Violations.ShouldBeEmpty();
        missing.RetryAfter.ShouldBeNull();
    }

    [Test]
    public async Task An_invalid_request_is_a_typed_400_problem_with_the_field_errors()
    {
        var admin = _host.Client(LoopbackHost.AdminToken);

        var invalid = await Should.ThrowAsync<RunnerTokensProblemException>(() => admin.ListTeamsAsync(limit: 0));

        invalid.Status.ShouldBe(HttpStatusCode.BadRequest);
        invalid.ErrorCode.ShouldBe("request.validation_failed");
        invalid.Problem.ShouldNotBeNull().Errors.ShouldNotBeNull().Keys.ShouldContain(key => key.Contains("limit", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A new user made a member of the team by the admin, as a client with that user's token.</summary>
    private async Task<RunnerTokensClient> MemberOfAsync(RunnerTokensClient admin, string teamName)
    {
        var subject = Unique("dev");
        var user = await admin.CreateUserAsync(new CreateUserRequest { Issuer = Issuers.Primary.IssuerId, Subject = subject });
        await admin.SetTeamMemberAsync(teamName, user.Id, new SetTeamMemberRequest { Role = TeamRole.Member });
        return _host.Client(() => Issuers.Primary.UserToken(subject));
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
