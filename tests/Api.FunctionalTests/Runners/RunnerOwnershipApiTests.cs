using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RunnerTokens.Api.FunctionalTests.Infrastructure;
using RunnerTokens.Domain.Teams;
using RunnerTokens.GitHub.Simulator;

namespace RunnerTokens.Api.FunctionalTests.Runners;

/// <summary>Runner ownership through HTTP (issue 9, section 3): label isolation between teams and case-insensitive names.</summary>
public sealed class RunnerOwnershipApiTests : FunctionalTestBase
{
    private async Task<(Team Team, SeededUser Member)> TeamAsync(string[] required, string[] patterns, bool active = true)
    {
        var team = await Factory.SeedTeamAsync(Unique("team"), policy: new LabelPolicySettings(required, patterns, [], null, null, AllowRegistrationTokens: true, AllowPersistentRunners: false));
        var member = await Factory.SeedUserAsync(Unique("member"));
        await Factory.AddMemberAsync(team, member);
        if (!active)
        {
            await Factory.WithDbAsync(async db =>
            {
                (await db.Teams.FindAsync(team.Id))!.Deactivate("paused", "test", DateTimeOffset.UtcNow);
                await db.SaveChangesAsync();
            });
        }

        return (team, member);
    }

    [Test]
    public async Task A_team_of_the_same_organization_spelled_in_another_case_reserves_its_labels_too()
    {
        // GitHub organization names are case-insensitive, and with no organizations configured a team keeps the
        // spelling it was created with: "ACME" and "acme" are one organization (LabelIsolation compares them so).
        var gpuLabel = Unique("gpu");
        var other = await Factory.SeedTeamAsync(Unique("team"), "ACME", new LabelPolicySettings([gpuLabel], [], [], null, null, false, false));
        var (greedy, member) = await TeamAsync([Unique("own")], [".*"]);
        greedy.Organization.ShouldNotBe(other.Organization);

        var problem = await (await ClientFor(member).PostAsJsonAsync("/api/v1/runners/jit", new { team = greedy.Name, name = Unique("r"), labels = new[] { gpuLabel } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "runner.label_not_allowed");
        problem.GetProperty("violations").EnumerateArray().Single().GetProperty("code").GetString().ShouldBe("label.reserved_by_other_team");
    }

    [Test]
    public async Task Another_teams_required_label_is_refused_whatever_the_patterns_allow()
    {
        var gpuLabel = Unique("gpu");
        await TeamAsync([gpuLabel], []);
        var (greedy, member) = await TeamAsync([Unique("own")], [".*"]);
        var client = ClientFor(member);

        var problem = await (await client.PostAsJsonAsync("/api/v1/runners/jit", new { team = greedy.Name, name = Unique("r"), labels = new[] { gpuLabel.ToUpperInvariant() } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "runner.label_not_allowed");
        var violation = problem.GetProperty("violations").EnumerateArray().Single();
        violation.GetProperty("code").GetString().ShouldBe("label.reserved_by_other_team");
        violation.GetProperty("label").GetString().ShouldBe(gpuLabel.ToUpperInvariant());

        await (await client.PostAsJsonAsync("/api/v1/runners/registration-token", new { team = greedy.Name, name = Unique("r"), labels = new[] { gpuLabel } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "runner.label_not_allowed");

        var dryRun = await client.PostAsJsonAsync($"/api/v1/teams/{greedy.Name}/policy/evaluate", new { labels = new[] { gpuLabel, "free-label" } });
        dryRun.StatusCode.ShouldBe(HttpStatusCode.OK, await dryRun.Content.ReadAsStringAsync());
        var decision = await dryRun.Content.ReadFromJsonAsync<JsonElement>();
        decision.GetProperty("admitted").GetBoolean().ShouldBeFalse();
        decision.GetProperty("violations").EnumerateArray().Select(v => v.GetProperty("code").GetString()).ShouldBe(["label.reserved_by_other_team"]);

        (await client.PostAsJsonAsync("/api/v1/runners/jit", new { team = greedy.Name, name = Unique("r"), labels = new[] { "free-label" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Test]
    public async Task A_deactivated_teams_labels_are_free_again()
    {
        var label = Unique("old");
        await TeamAsync([label], [], active: false);
        var (greedy, member) = await TeamAsync([Unique("own")], [".*"]);

        var response = await ClientFor(member).PostAsJsonAsync("/api/v1/runners/jit", new { team = greedy.Name, name = Unique("r"), labels = new[] { label } });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_name_conflicts_with_a_live_runner_of_the_same_name_in_another_case()
    {
        var (first, firstMember) = await TeamAsync([Unique("a")], ["x-.*"]);
        var (second, secondMember) = await TeamAsync([Unique("b")], ["x-.*"]);
        var name = Unique("Foo");

        var created = await ClientFor(firstMember).PostAsJsonAsync("/api/v1/runners/jit", new { team = first.Name, name, labels = new[] { "x-1" } });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        // A registration token never asks GitHub about the name: only the service's own check can refuse it.
        await (await ClientFor(secondMember).PostAsJsonAsync("/api/v1/runners/registration-token", new { team = second.Name, name = name.ToLowerInvariant(), labels = new[] { "x-1" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "runner.name_conflict");
        await (await ClientFor(firstMember).PostAsJsonAsync("/api/v1/runners/registration-token", new { team = first.Name, name = name.ToUpperInvariant(), labels = new[] { "x-1" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "runner.name_conflict");

        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await ClientFor(firstMember).DeleteAsync($"/api/v1/runners/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var again = await ClientFor(secondMember).PostAsJsonAsync("/api/v1/runners/registration-token", new { team = second.Name, name = name.ToLowerInvariant(), labels = new[] { "x-1" } });
        again.StatusCode.ShouldBe(HttpStatusCode.Created, await again.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_registration_token_is_refused_for_a_name_a_runner_at_GitHub_already_has()
    {
        var (team, member) = await TeamAsync([Unique("a")], ["x-.*"]);
        var name = Unique("hand");
        Factory.Services.GetRequiredService<GitHubSimulator>().AddRunner("acme", name.ToUpperInvariant(), ["whatever"]);

        await (await ClientFor(member).PostAsJsonAsync("/api/v1/runners/registration-token", new { team = team.Name, name, labels = new[] { "x-1" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "runner.name_conflict");
    }
}
