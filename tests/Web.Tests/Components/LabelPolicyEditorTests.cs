using Bunit;
using RunnerTokens.Application.Teams.ChangeLabelPolicy;
using RunnerTokens.Application.Teams.Common;
using RunnerTokens.Application.Teams.GetLabelPolicy;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Web.Teams;

namespace RunnerTokens.Web.Tests.Components;

public sealed class LabelPolicyEditorTests : DashboardComponentTest
{
    private static readonly LabelPolicyDto Version3 = Policy(3, ["web"], ["small", "node-[0-9]+"], [], 5);

    [Test]
    public void It_shows_the_current_version_and_saves_the_next_with_the_version_it_read()
    {
        Sender.On<GetLabelPolicyQuery>(_ => Result.Success(Version3));
        Sender.On<ChangeLabelPolicyCommand>(c => Result.Success(Policy(4, c.Settings.RequiredLabels, c.Settings.AllowedLabelPatterns, c.Settings.AllowedRunnerGroupIds, c.Settings.MaxRunners)));
        LabelPolicyDto? saved = null;
        var editor = Context.Render<LabelPolicyEditor>(p => p
            .Add(e => e.Team, "web")
            .Add(e => e.CanEdit, true)
            .Add(e => e.OnSaved, (LabelPolicyDto policy) => saved = policy));

        editor.Find("[data-testid=policy-version]").TextContent.ShouldContain("Version 3");
        editor.Find("[data-testid=required-labels]").GetAttribute("value").ShouldBe("web");
        editor.Find("[data-testid=allowed-patterns]").Change("small\n node-[0-9]+ \n\ngpu-{1,2}");
        editor.Find("[data-testid=allowed-groups]").Change("7\n9");
        editor.Find("[data-testid=policy-save]").Click();

        editor.WaitForAssertion(() => editor.Find("[data-testid=policy-saved]").TextContent.ShouldContain("Saved as version 4"));
        var sent = Sender.Sent.OfType<ChangeLabelPolicyCommand>().Single();
        sent.Team.ShouldBe("web");
        sent.ExpectedVersion.ShouldBe(3);
        sent.Settings.RequiredLabels.ShouldBe(["web"]);
        sent.Settings.AllowedLabelPatterns.ShouldBe(["small", "node-[0-9]+", "gpu-{1,2}"]);
        sent.Settings.AllowedRunnerGroupIds.ShouldBe([7L, 9L]);
        sent.Settings.MaxRunners.ShouldBe(5);
        saved!.Version.ShouldBe(4);
        editor.Find("[data-testid=policy-save]").TextContent.ShouldContain("Save as version 5");
    }

    [Test]
    public void The_domains_violations_show_inline_under_their_fields()
    {
        Sender.On<GetLabelPolicyQuery>(_ => Result.Success(Version3));
        Sender.On<ChangeLabelPolicyCommand>(_ => Result<LabelPolicyDto>.Failure(TeamErrors.InvalidPolicy(
        [
            new LabelPolicyViolation("requiredLabels[1]", "label.reserved_by_github", "GitHub assigns this label itself.", "self-hosted"),
            new LabelPolicyViolation("maxRunners", "quota.invalid", "maxRunners is 0 or more (0 admits no runner; null is unlimited)."),
        ])));
        var editor = Context.Render<LabelPolicyEditor>(p => p.Add(e => e.Team, "web").Add(e => e.CanEdit, true));

        editor.Find("[data-testid=required-labels]").Change("web\nself-hosted");
        editor.Find("[data-testid=policy-save]").Click();

        editor.WaitForAssertion(() => editor.Find("[data-testid=problem]").TextContent.ShouldContain("team.policy_invalid"));
        FieldError(editor, "required-labels").ShouldBe("Line 2 (self-hosted): GitHub assigns this label itself.");
        FieldError(editor, "max-runners")!.ShouldContain("maxRunners is 0 or more");
        FieldError(editor, "allowed-patterns").ShouldBeNull();
        editor.FindAll("[data-testid=policy-stale]").ShouldBeEmpty();
    }

    [Test]
    public void A_malformed_runner_group_id_is_shown_inline_and_nothing_is_sent()
    {
        Sender.On<GetLabelPolicyQuery>(_ => Result.Success(Version3));
        var editor = Context.Render<LabelPolicyEditor>(p => p.Add(e => e.Team, "web").Add(e => e.CanEdit, true));

        editor.Find("[data-testid=allowed-groups]").Change("12\nlinux");
        editor.Find("[data-testid=policy-save]").Click();

        FieldError(editor, "allowed-groups").ShouldBe("Line 2 (linux): A runner group id is a whole number.");
        Sender.Sent.OfType<ChangeLabelPolicyCommand>().ShouldBeEmpty();
    }

    [Test]
    public void A_stale_version_shows_the_problem_and_offers_to_reload_the_current_one()
    {
        var current = Version3;
        Sender.On<GetLabelPolicyQuery>(_ => Result.Success(current));
        Sender.On<ChangeLabelPolicyCommand>(c => Result<LabelPolicyDto>.Failure(TeamErrors.PolicyVersionMismatch(c.ExpectedVersion!.Value, 4)));
        var editor = Context.Render<LabelPolicyEditor>(p => p.Add(e => e.Team, "web").Add(e => e.CanEdit, true));
        current = Policy(4, ["web", "linux"], ["small"], [], 8);

        editor.Find("[data-testid=max-runners]").Change("6");
        editor.Find("[data-testid=policy-save]").Click();

        editor.WaitForAssertion(() => editor.Find("[data-testid=problem]").TextContent.ShouldContain("The precondition failed."));
        editor.Find("[data-testid=problem]").TextContent.ShouldContain("policy.version_mismatch");
        editor.Find("[data-testid=problem]").TextContent.ShouldContain("The policy is at version 4, not 3");

        editor.Find("[data-testid=policy-reload]").Click();

        editor.WaitForAssertion(() => editor.Find("[data-testid=policy-version]").TextContent.ShouldContain("Version 4"));
        editor.Find("[data-testid=required-labels]").GetAttribute("value").ShouldBe("web\nlinux");
        editor.Find("[data-testid=max-runners]").GetAttribute("value").ShouldBe("8");
        editor.FindAll("[data-testid=policy-stale]").ShouldBeEmpty();
        editor.FindAll("[data-testid=problem]").ShouldBeEmpty();
    }

    [Test]
    public void Without_the_right_to_edit_the_policy_is_read_only()
    {
        Sender.On<GetLabelPolicyQuery>(_ => Result.Success(Version3));
        var editor = Context.Render<LabelPolicyEditor>(p => p.Add(e => e.Team, "web").Add(e => e.CanEdit, false));

        editor.Find("[data-testid=policy-version]").TextContent.ShouldContain("only admins change the policy");
        editor.Find("[data-testid=required-labels]").HasAttribute("readonly").ShouldBeTrue();
        editor.FindAll("[data-testid=policy-save]").ShouldBeEmpty();
    }

    /// <summary>The error text MudBlazor shows under the field, or null.</summary>
    private static string? FieldError(IRenderedComponent<LabelPolicyEditor> editor, string testId)
    {
        var control = editor.Find($"[data-testid={testId}]").Closest(".mud-input-control");
        return control?.QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();
    }

    internal static LabelPolicyDto Policy(int version, IReadOnlyList<string> required, IReadOnlyList<string> patterns, IReadOnlyList<long> groups, int? maxRunners, bool tokens = false) =>
        new(version, required, patterns, groups, null, maxRunners, tokens, false, "ada", DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddDays(version));
}
