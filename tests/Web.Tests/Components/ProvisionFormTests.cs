using Bunit;
using RunnerTokens.Application.Runners.Common;
using RunnerTokens.Application.Runners.ProvisionJitRunner;
using RunnerTokens.Application.Teams.EvaluateAdmission;
using RunnerTokens.Domain.Common;
using RunnerTokens.Domain.Runners;
using RunnerTokens.Domain.Teams;
using RunnerTokens.Web.Runners;

namespace RunnerTokens.Web.Tests.Components;

public sealed class ProvisionFormTests : DashboardComponentTest
{
    private static readonly AdmissionViolation NotAllowed = new(AdmissionViolation.LabelNotAllowedCode, "The label 'gpu' is not allowed by the team's policy.") { Label = "gpu" };
    private static readonly AdmissionViolationDto NotAllowedDto = new(NotAllowed.Code, NotAllowed.Message, "gpu", null, null, null);

    [Test]
    public void The_preview_shows_the_final_labels_in_order_as_you_type()
    {
        Sender.On<EvaluateAdmissionQuery>(q => Result.Success(Decision(q.Labels)));
        var form = Context.Render<ProvisionForm>();

        form.Find("[data-testid=labels]").Input("small, node-22");

        form.WaitForAssertion(() =>
            form.FindAll("[data-testid=preview-labels] li").Select(li => li.TextContent).ShouldBe(["web", "small", "node-22"]));
        form.Find("[data-testid=preview-verdict]").TextContent.ShouldContain("Admitted under policy version 3");
        Sender.Sent.OfType<EvaluateAdmissionQuery>().Last().Team.ShouldBe("web");
    }

    [Test]
    public void The_preview_lists_every_violation()
    {
        Sender.On<EvaluateAdmissionQuery>(q => Result.Success(q.Labels?.Contains("gpu") == true
            ? new AdmissionDecisionDto(false, null, null, 3, 1, 5, [NotAllowedDto, new AdmissionViolationDto(AdmissionViolation.QuotaExceededCode, "The team has 5 of 5 runners.", null, null, 5, 5)])
            : Decision(q.Labels)));
        var form = Context.Render<ProvisionForm>();

        form.Find("[data-testid=labels]").Input("gpu");

        form.WaitForAssertion(() => form.FindAll("[data-testid=preview-violations] li").Count.ShouldBe(2));
        form.Find("[data-testid=preview-violations]").TextContent.ShouldContain("gpu: The label 'gpu' is not allowed");
        form.Find("[data-testid=preview-verdict]").TextContent.ShouldContain("Refused");
    }

    [Test]
    public void A_refused_provisioning_shows_the_problem_and_every_violation()
    {
        Sender.On<EvaluateAdmissionQuery>(q => Result.Success(Decision(q.Labels)));
        Sender.On<ProvisionJitRunnerCommand>(_ => Result<ProvisionedJitRunner>.Failure(
            AdmissionErrors.LabelNotAllowed.WithDetail("violations", new[] { NotAllowed })));
        var form = Context.Render<ProvisionForm>();

        form.Find("[data-testid=provision]").Click();

        form.WaitForAssertion(() => form.Find("[data-testid=problem]").TextContent.ShouldContain("The request is not allowed."));
        form.Find("[data-testid=problem]").TextContent.ShouldContain("runner.label_not_allowed");
        form.Find("[data-testid=violations]").TextContent.ShouldContain("The label 'gpu' is not allowed");
        form.FindAll("[data-testid=jit-config]").ShouldBeEmpty();
    }

    [Test]
    public void The_jit_config_is_shown_once_with_the_run_command_and_a_warning()
    {
        Sender.On<EvaluateAdmissionQuery>(q => Result.Success(Decision(q.Labels)));
        Sender.On<ProvisionJitRunnerCommand>(c => Result.Success(new ProvisionedJitRunner(Runner(c.NamePrefix + "-1"), "ZW5jb2RlZC1qaXQ=")));
        var form = Context.Render<ProvisionForm>();
        form.Find("[data-testid=name]").Change("ci");

        form.Find("[data-testid=provision]").Click();

        form.WaitForAssertion(() => form.Find("[data-testid=one-time-warning]").TextContent.ShouldContain("shown once"));
        form.Find("[data-testid=jit-config]").GetAttribute("value").ShouldBe("ZW5jb2RlZC1qaXQ=");
        form.Find("[data-testid=run-command]").GetAttribute("value").ShouldBe("./run.sh --jitconfig ZW5jb2RlZC1qaXQ=");
        var sent = Sender.Sent.OfType<ProvisionJitRunnerCommand>().Single();
        sent.NamePrefix.ShouldBe("ci");
        sent.Team.ShouldBe("web");

        form.FindAll("button").Single(b => b.TextContent.Contains("Provision another", StringComparison.Ordinal)).Click();

        form.Markup.ShouldNotContain("ZW5jb2RlZC1qaXQ=");
    }

    private static AdmissionDecisionDto Decision(IReadOnlyList<string?>? labels) =>
        new(true, ["web", .. (labels ?? []).OfType<string>()], 1, 3, 1, 5, []);

    private static RunnerDto Runner(string name) => new(
        Guid.NewGuid(), name, "web", "acme", 42, RunnerKind.Jit, ["web"], [], 1, 3, true, RunnerStatus.Pending,
        "Max Member", "user", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, null, null, null, null, null);
}
