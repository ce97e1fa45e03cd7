using System.CommandLine;
using System.Globalization;
using RunnerTokens.Cli.Hosting;
using RunnerTokens.Cli.Output;
using RunnerTokens.Client;

namespace RunnerTokens.Cli.Commands;

/// <summary><c>policy show|set|evaluate|history</c>: a team's label policy.</summary>
public static class PolicyCommands
{
    public static IEnumerable<Command> Build(CliEnvironment environment)
    {
        yield return new Command("policy", "Show, change, test and trace a team's label policy.")
        {
            Show(environment),
            Set(environment),
            Evaluate(environment),
            History(environment),
        };
    }

    public static (string Name, string? Value)[] PolicyFields(LabelPolicyDto p) =>
    [
        ("Policy version", p.Version.ToString(CultureInfo.InvariantCulture)),
        ("Required labels", Renderer.List(p.RequiredLabels)),
        ("Allowed patterns", Renderer.List(p.AllowedLabelPatterns)),
        ("Allowed groups", Renderer.List(p.AllowedRunnerGroupIds.Select(g => g.ToString(CultureInfo.InvariantCulture)))),
        ("Default group", Renderer.Number(p.DefaultRunnerGroupId)),
        ("Max runners", p.MaxRunners is { } max ? max.ToString(CultureInfo.InvariantCulture) : "unlimited"),
        ("Registration tokens", p.AllowRegistrationTokens ? "allowed" : "not allowed"),
        ("Persistent runners", p.AllowPersistentRunners ? "allowed" : "not allowed"),
        ("Changed", $"{Renderer.Time(p.CreatedAt)} by {p.CreatedBy}"),
    ];

    private static Argument<string> Team() => new("team") { Description = "The team's name." };

    private static Command Show(CliEnvironment environment)
    {
        var team = Team();
        var command = new Command("show", "Show a team's current label policy.") { team };
        return command.Runs(environment, async (cli, ct) =>
        {
            var policy = await cli.Client.GetTeamPolicyAsync(cli.Value(team), ct);
            cli.Output.Fields(policy, PolicyFields(policy));
            return ExitCodes.Success;
        });
    }

    private static Command Set(CliEnvironment environment)
    {
        var team = Team();
        var required = new Option<string[]>("--required-label") { Description = "A label every runner gets (repeat; replaces the list)." };
        var patterns = new Option<string[]>("--allow-label") { Description = "An allowed label pattern: a regular expression for the whole label, e.g. gpu-.* (repeat; replaces the list)." };
        var groups = new Option<long[]>("--allow-group") { Description = "An allowed runner group id (repeat; replaces the list)." };
        var defaultGroup = new Option<long?>("--default-group") { Description = "The runner group used when none is requested." };
        var maxRunners = new Option<int?>("--max-runners") { Description = "The team's quota of live runners." };
        var registrationTokens = new Option<bool?>("--allow-registration-tokens") { Description = "true or false." };
        var persistent = new Option<bool?>("--allow-persistent-runners") { Description = "true or false." };
        var ifMatch = new Option<int?>("--if-version") { Description = "Change only if the policy is still at this version (optimistic concurrency)." };
        var command = new Command("set", "Change a team's label policy (maintainers): only the given settings change; a new version is recorded.")
        {
            team, required, patterns, groups, defaultGroup, maxRunners, registrationTokens, persistent, ifMatch,
        };
        return command.Runs(environment, async (cli, ct) =>
        {
            var patch = new PatchLabelPolicyRequest
            {
                RequiredLabels = cli.Parse.GetResult(required) is null ? null : cli.Value(required),
                AllowedLabelPatterns = cli.Parse.GetResult(patterns) is null ? null : cli.Value(patterns),
                AllowedRunnerGroupIds = cli.Parse.GetResult(groups) is null ? null : cli.Value(groups),
                DefaultRunnerGroupId = cli.Value(defaultGroup),
                MaxRunners = cli.Value(maxRunners),
                AllowRegistrationTokens = cli.Value(registrationTokens),
                AllowPersistentRunners = cli.Value(persistent),
            };
            var version = cli.Value(ifMatch) is { } v ? $"\"{v.ToString(CultureInfo.InvariantCulture)}\"" : null;
            var policy = await cli.Client.PatchTeamPolicyAsync(cli.Value(team), patch, version, ct);
            if (!cli.Output.Json)
            {
                cli.Output.Raw($"Policy of {cli.Value(team)} is now version {policy.Version}.");
            }

            cli.Output.Fields(policy, PolicyFields(policy));
            return ExitCodes.Success;
        });
    }

    private static Command Evaluate(CliEnvironment environment)
    {
        var team = Team();
        var labels = new Option<string[]>("--label", "-l") { Description = "A label to request (repeat)." };
        var group = new Option<long?>("--group") { Description = "Runner group id." };
        var command = new Command("evaluate", "Would the policy admit a runner with these labels? Exit 0 when admitted, 3 when not.") { team, labels, group };
        return command.Runs(environment, async (cli, ct) =>
        {
            var decision = await cli.Client.EvaluateAdmissionAsync(
                cli.Value(team), new EvaluateAdmissionRequest { Labels = cli.Value(labels), RunnerGroupId = cli.Value(group) }, ct);
            if (cli.Output.Json)
            {
                cli.Output.WriteJson(decision);
            }
            else
            {
                cli.Output.Raw(decision.Admitted
                    ? $"Admitted: labels {Renderer.List(decision.FinalLabels)}, group {Renderer.Number(decision.RunnerGroupId)} (policy v{decision.PolicyVersion}, {decision.LiveRunners}/{(decision.MaxRunners is { } max ? max.ToString(CultureInfo.InvariantCulture) : "unlimited")} runners)."
                    : $"Not admitted by policy v{decision.PolicyVersion}:");
                foreach (var violation in decision.Violations)
                {
                    cli.Output.Raw(Renderer.Violation(violation.Code, violation.Message, violation.Label, violation.RunnerGroupId, violation.Current, violation.Max));
                }
            }

            return decision.Admitted ? ExitCodes.Success : ExitCodes.Refused;
        });
    }

    private static Command History(CliEnvironment environment)
    {
        var team = Team();
        var command = new Command("history", "List every version of a team's label policy, newest first.") { team };
        return command.Runs(environment, async (cli, ct) =>
        {
            var versions = await cli.Client.ListAllTeamPolicyVersionsAsync(cli.Value(team), cancellationToken: ct).ToListAsync(ct);
            cli.Output.Table(versions,
                new Column<LabelPolicyDto>("Version", p => p.Version.ToString(CultureInfo.InvariantCulture)),
                new Column<LabelPolicyDto>("Required", p => Renderer.List(p.RequiredLabels)),
                new Column<LabelPolicyDto>("Allowed", p => Renderer.List(p.AllowedLabelPatterns)),
                new Column<LabelPolicyDto>("Max", p => p.MaxRunners is { } max ? max.ToString(CultureInfo.InvariantCulture) : "unlimited"),
                new Column<LabelPolicyDto>("Changed", p => Renderer.Time(p.CreatedAt)),
                new Column<LabelPolicyDto>("By", p => p.CreatedBy));
            return ExitCodes.Success;
        });
    }
}
