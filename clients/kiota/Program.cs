// The platform team's scenario through a Kiota client generated from docs/openapi/v1.json (scripts/check-generated-clients.sh).
// Environment: RUNNERTOKENS_URL, RUNNERTOKENS_ADMIN_TOKEN, RUNNERTOKENS_MEMBER_TOKEN, RUNNERTOKENS_MEMBER_ISSUER,
// RUNNERTOKENS_MEMBER_SUBJECT, RUNNERTOKENS_TEAM, RUNNERTOKENS_ORGANIZATION (default acme).
// The last line is "scenario passed: ..." (exit 0) or what stopped it (exit 1).
using System.Net.Http.Headers;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using RunnerTokens.KiotaScenario.Client;
using RunnerTokens.KiotaScenario.Client.Models;

try
{
    Console.WriteLine($"scenario passed: {await RunAsync()}");
    return 0;
}
catch (Problem problem)
{
    Console.Error.WriteLine($"problem: {problem.Title} ({problem.ResponseStatusCode} {problem.ErrorCode}): {problem.Detail}");
    foreach (var violation in problem.Violations ?? [])
    {
        Console.Error.WriteLine($"  {violation.Code}: {violation.Message}");
    }

    return 1;
}
catch (Exception error)
{
    Console.Error.WriteLine(error);
    return 1;
}

static async Task<string> RunAsync()
{
    var team = Env("RUNNERTOKENS_TEAM");
    var organization = Env("RUNNERTOKENS_ORGANIZATION", "acme");
    var admin = ClientWith(Env("RUNNERTOKENS_ADMIN_TOKEN"));
    var member = ClientWith(Env("RUNNERTOKENS_MEMBER_TOKEN"));

    // The admin: team, policy (a merge patch), member.
    await admin.Api.V1.Teams.PostAsync(new CreateTeamRequest { Name = team, Organization = organization, Description = "Kiota example" });
    var policy = await admin.Api.V1.Teams[team].Policy.PatchAsync(new PatchLabelPolicyRequest
    {
        RequiredLabels = [team],
        AllowedLabelPatterns = ["gpu", "linux-*"],
        MaxRunners = 10,
    });
    var user = await admin.Api.V1.Users.PostAsync(new CreateUserRequest { Issuer = Env("RUNNERTOKENS_MEMBER_ISSUER"), Subject = Env("RUNNERTOKENS_MEMBER_SUBJECT") });
    var membership = await admin.Api.V1.Teams[team].Members[user!.Id!.Value].PutAsync(new SetTeamMemberRequest { Role = TeamRole.Maintainer });
    Check(policy?.MaxRunners == 10 && membership?.Role == TeamRole.Maintainer, "policy patched, member added");
    Console.WriteLine($"team {team}: policy version {policy!.Version}, {membership!.Role} {user.Id}");

    // The member: three JIT runners.
    var provisioned = new List<JitRunnerResponse>();
    for (var i = 0; i < 3; i++)
    {
        var runner = await member.Api.V1.Runners.Jit.PostAsync(new ProvisionJitRunnerRequest { Team = team, NamePrefix = "kiota", Labels = ["gpu"] });
        Check(runner?.RunCommand?.Contains("--jitconfig", StringComparison.Ordinal) == true, "the run command starts the runner with its JIT config");
        provisioned.Add(runner!);
        Console.WriteLine($"provisioned {runner!.Name} [{string.Join(", ", runner.Labels ?? [])}] {runner.Status}: ./run.sh --jitconfig ***");
    }

    // Page through them, two at a time.
    var runners = new List<RunnerDto>();
    var pages = 0;
    string? cursor = null;
    do
    {
        var page = await member.Api.V1.Runners.GetAsync(c =>
        {
            c.QueryParameters.Team = team;
            c.QueryParameters.Limit = 2;
            c.QueryParameters.Cursor = cursor;
        });
        pages++;
        runners.AddRange(page!.Items ?? []);
        cursor = page.NextCursor;
    }
    while (cursor is not null);
    Check(runners.Count == 3 && pages == 2, $"3 runners over 2 pages (got {runners.Count} over {pages})");

    // Read one, delete it, read it again.
    var first = provisioned[0];
    var details = await member.Api.V1.Runners[first.Id!.Value].GetAsync();
    Check(details?.Kind == RunnerKind.Jit, "a JIT runner");
    await member.Api.V1.Runners[first.Id.Value].DeleteAsync();
    var deleted = await member.Api.V1.Runners[first.Id.Value].GetAsync();
    Check(deleted?.Status == RunnerStatus.Deleted && deleted.DeletionReason == RunnerDeletionReason.Requested, "deleted on request");
    Console.WriteLine($"deleted {deleted!.Name}: status {deleted.Status}, reason {deleted.DeletionReason}");

    // The audit trail of the team.
    var audit = new List<AuditEventDto>();
    cursor = null;
    do
    {
        var page = await member.Api.V1.AuditEvents.GetAsync(c =>
        {
            c.QueryParameters.Team = team;
            c.QueryParameters.Limit = 5;
            c.QueryParameters.Cursor = cursor;
        });
        audit.AddRange(page!.Items ?? []);
        cursor = page.NextCursor;
    }
    while (cursor is not null);
    var provisionedEvents = audit.Count(e => e.Action == "runner.jit_provisioned" && e.Outcome == AuditOutcome.Succeeded);
    Check(provisionedEvents == 3, $"3 runner.jit_provisioned events (got {provisionedEvents})");
    Check(audit.Any(e => e.Action == "runner.deleted" && e.TargetId == first.Id.Value.ToString()), "a runner.deleted event");

    // A refused provisioning: a typed problem with its violations.
    try
    {
        await member.Api.V1.Runners.Jit.PostAsync(new ProvisionJitRunnerRequest { Team = team, NamePrefix = "kiota", Labels = ["gpu", "crypto-miner"] });
        throw new InvalidOperationException("the refused provisioning succeeded");
    }
    catch (Problem refused)
    {
        Check(refused.ErrorCode == Problem_errorCode.RunnerLabel_not_allowed, $"runner.label_not_allowed (got {refused.ErrorCode})");
        foreach (var violation in refused.Violations ?? [])
        {
            Console.WriteLine($"refused: {violation.Code} {violation.Label}: {violation.Message}");
        }

        Check(refused.Violations?.Any(v => v.Label == "crypto-miner") == true, "the violation names the label");
    }

    // A missing runner: a typed 404.
    try
    {
        await member.Api.V1.Runners[Guid.NewGuid()].GetAsync();
        throw new InvalidOperationException("a missing runner was found");
    }
    catch (Problem missing)
    {
        Check(missing.ErrorCode == Problem_errorCode.RunnerNot_found && missing.ResponseStatusCode == 404, $"runner.not_found (got {missing.ErrorCode})");
    }

    return $"team {team}, {provisioned.Count} provisioned, {deleted.Name} deleted, {pages} pages, {audit.Count} audit events";
}

static RunnerTokensKiotaClient ClientWith(string token)
{
    // The token goes in a header of the HttpClient: Kiota's bearer provider sends tokens over https only, and the
    // scenario's host listens on plain http on the loopback interface.
    var http = KiotaClientFactory.Create();
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
    {
        BaseUrl = Env("RUNNERTOKENS_URL").TrimEnd('/'),
    };
    return new RunnerTokensKiotaClient(adapter);
}

static string Env(string name, string? fallback = null) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value
    : fallback ?? throw new InvalidOperationException($"{name} is not set");

static void Check(bool condition, string what)
{
    if (!condition)
    {
        throw new InvalidOperationException($"check failed: {what}");
    }
}
