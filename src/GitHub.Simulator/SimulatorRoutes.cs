using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using RunnerTokens.Infrastructure.GitHub.Api;

namespace RunnerTokens.GitHub.Simulator;

/// <summary>
/// GitHub's routes and JSON: installation lookup and tokens, generate-jitconfig, registration/remove tokens,
/// runner list/get/delete (paged, with Link headers), runner groups and run cancellation. Called under the
/// state's gate.
/// </summary>
internal sealed class SimulatorRoutes(SimulatorState state, SimulatorAuth auth)
{
    private const string RunnersPermission = "organization_self_hosted_runners";

    public SimulatorAnswer Route(HttpRequestMessage request, Uri uri, string path, string? body)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var method = request.Method;
        var authorization = SimulatorAuth.BearerToken(request);

        switch (segments)
        {
            case ["app", "installations", var id, "access_tokens"] when method == HttpMethod.Post:
                return auth.CheckAppJwt(authorization) ?? auth.CreateInstallationToken(id, body);
            case ["orgs", var org, "installation"] when method == HttpMethod.Get:
                return auth.CheckAppJwt(authorization) ?? GetInstallation(org);
            case ["orgs", var org, "actions", "runners", "generate-jitconfig"] when method == HttpMethod.Post:
                return auth.WithInstallation(authorization, org, RunnersPermission, o => GenerateJitConfig(o, body));
            case ["orgs", var org, "actions", "runners", "registration-token" or "remove-token"] when method == HttpMethod.Post:
                return auth.WithInstallation(authorization, org, RunnersPermission, _ => SimulatorAnswer.Json(HttpStatusCode.Created, NewRunnerToken(), GitHubJsonContext.Default.AuthenticationTokenResponse));
            case ["orgs", var org, "actions", "runners"] when method == HttpMethod.Get:
                return auth.WithInstallation(authorization, org, RunnersPermission, o => ListRunners(o, uri));
            case ["orgs", var org, "actions", "runners", var id] when method == HttpMethod.Get:
                return auth.WithInstallation(authorization, org, RunnersPermission, o => GetRunner(o, id));
            case ["orgs", var org, "actions", "runners", var id] when method == HttpMethod.Delete:
                return auth.WithInstallation(authorization, org, RunnersPermission, o => DeleteRunner(o, id));
            case ["orgs", var org, "actions", "runner-groups"] when method == HttpMethod.Get:
                return auth.WithInstallation(authorization, org, RunnersPermission, o => ListRunnerGroups(o, uri));
            case ["repos", var owner, var repo, "actions", "runs", var id, "cancel"] when method == HttpMethod.Post:
                return auth.WithInstallation(authorization, owner, "actions", _ => CancelRun(owner, repo, id));
            default:
                return SimulatorAnswer.NotFound();
        }
    }

    private SimulatorAnswer GetInstallation(string organization)
    {
        if (state.Uninstalled.Contains(organization))
        {
            return SimulatorAnswer.NotFound();
        }

        var org = state.Org(organization);
        var response = new InstallationResponse(org.InstallationId)
        {
            AppId = long.TryParse(state.Settings.AppId, NumberStyles.None, CultureInfo.InvariantCulture, out var appId) ? appId : 1,
            TargetType = "Organization",
            Account = new InstallationAccountDto(org.Name, org.AccountId),
        };
        return SimulatorAnswer.Json(HttpStatusCode.OK, response, GitHubJsonContext.Default.InstallationResponse);
    }

    private SimulatorAnswer GenerateJitConfig(OrgState org, string? body)
    {
        JitConfigRequest? request;
        try
        {
            request = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, GitHubJsonContext.Default.JitConfigRequest);
        }
        catch (JsonException)
        {
            return SimulatorAnswer.Error(HttpStatusCode.BadRequest, "Problems parsing JSON");
        }

        if (request is null || string.IsNullOrWhiteSpace(request.Name))
        {
            return SimulatorAnswer.Error(HttpStatusCode.UnprocessableEntity, "Invalid request.", "\"name\" wasn't supplied.");
        }

        if (request.Labels is null || request.Labels.Count is < 1 or > 100)
        {
            return SimulatorAnswer.Error(HttpStatusCode.UnprocessableEntity, "Invalid request.", "labels must contain between 1 and 100 items.");
        }

        if (!org.Groups.ContainsKey(request.RunnerGroupId))
        {
            return SimulatorAnswer.NotFound();
        }

        if (org.HasRunnerNamed(request.Name))
        {
            return SimulatorAnswer.Error(HttpStatusCode.Conflict, $"Already exists - A runner with the name {request.Name} already exists.");
        }

        var now = state.Now;
        var runner = state.NewRunner(request.Name, request.Labels, request.RunnerGroupId, ephemeral: true, now, now + state.Settings.Simulator.RunnerOnlineDelay);
        org.Add(runner);
        var response = new JitConfigResponse(state.ToDto(runner), EncodeJitConfig(org, runner, request.WorkFolder ?? "_work"));
        return SimulatorAnswer.Json(HttpStatusCode.Created, response, GitHubJsonContext.Default.JitConfigResponse);
    }

    private SimulatorAnswer ListRunners(OrgState org, Uri uri)
    {
        var query = QueryHelpers.ParseQuery(uri.Query);
        var name = query.TryGetValue("name", out var names) ? names.ToString() : null;
        var matching = org.Runners.Values
            .Where(r => string.IsNullOrEmpty(name) || string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var (items, links) = Page(matching, query);
        var answer = SimulatorAnswer.Json(HttpStatusCode.OK, new RunnerListResponse(matching.Count, [.. items.Select(state.ToDto)]), GitHubJsonContext.Default.RunnerListResponse);
        answer.AddLinks(links);
        return answer;
    }

    private SimulatorAnswer GetRunner(OrgState org, string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var runnerId) && org.Runners.TryGetValue(runnerId, out var runner)
            ? SimulatorAnswer.Json(HttpStatusCode.OK, state.ToDto(runner), GitHubJsonContext.Default.SelfHostedRunnerDto)
            : SimulatorAnswer.NotFound();

    private static SimulatorAnswer DeleteRunner(OrgState org, string id)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var runnerId) || !org.Runners.TryGetValue(runnerId, out var runner))
        {
            return SimulatorAnswer.NotFound();
        }

        if (runner.Busy)
        {
            return SimulatorAnswer.Error(HttpStatusCode.UnprocessableEntity, $"Bad request - Runner \"{runner.Name}\" is still running a job\"");
        }

        org.Remove(runnerId);
        return new SimulatorAnswer(HttpStatusCode.NoContent, null);
    }

    private SimulatorAnswer ListRunnerGroups(OrgState org, Uri uri)
    {
        var query = QueryHelpers.ParseQuery(uri.Query);
        var groups = org.Groups.Values.ToList();
        var (items, links) = Page(groups, query);
        var root = state.Root(uri);
        var dtos = items.Select(g => new RunnerGroupDto(
            g.Id,
            g.Name,
            g.Visibility,
            g.IsDefault,
            $"{root}/orgs/{Uri.EscapeDataString(org.Name)}/actions/runner-groups/{g.Id}/runners",
            Inherited: false,
            AllowsPublicRepositories: false) { RestrictedToWorkflows = false }).ToList();
        var answer = SimulatorAnswer.Json(HttpStatusCode.OK, new RunnerGroupListResponse(groups.Count, dtos), GitHubJsonContext.Default.RunnerGroupListResponse);
        answer.AddLinks(links);
        return answer;
    }

    private SimulatorAnswer CancelRun(string owner, string repository, string id)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var runId))
        {
            return SimulatorAnswer.NotFound();
        }

        var key = SimulatorState.RunKey(owner, repository, runId);
        if (state.CompletedRuns.Contains(key))
        {
            return SimulatorAnswer.Error(HttpStatusCode.Conflict, "Cannot cancel a workflow run that is completed.");
        }

        state.CancelledRuns.Add(key);
        return new SimulatorAnswer(HttpStatusCode.Accepted, "{}");
    }

    /// <summary>One page of <paramref name="all"/> by <c>per_page</c> (1-100, default 30) and <c>page</c>, with GitHub's Link relations.</summary>
    private static (List<T> Items, List<(int Page, string Rel)> Links) Page<T>(List<T> all, Dictionary<string, StringValues> query)
    {
        var perPage = query.TryGetValue("per_page", out var pp) && int.TryParse(pp, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, 100) : 30;
        var page = query.TryGetValue("page", out var pg) && int.TryParse(pg, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1;
        var lastPage = Math.Max(1, (all.Count + perPage - 1) / perPage);
        var items = all.Skip((page - 1) * perPage).Take(perPage).ToList();
        var links = new List<(int, string)>();
        if (page > 1)
        {
            links.Add((Math.Min(page - 1, lastPage), "prev"));
        }

        if (page < lastPage)
        {
            links.Add((page + 1, "next"));
            links.Add((lastPage, "last"));
        }

        if (page > 1)
        {
            links.Add((1, "first"));
        }

        return (items, links);
    }

    private static string EncodeJitConfig(OrgState org, RunnerState runner, string workFolder)
    {
        static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        var runnerFile = JsonSerializer.Serialize(
            new Dictionary<string, string>
            {
                ["AgentId"] = runner.Id.ToString(CultureInfo.InvariantCulture),
                ["AgentName"] = runner.Name,
                ["PoolId"] = runner.GroupId.ToString(CultureInfo.InvariantCulture),
                ["ServerUrl"] = "https://simulator.invalid/" + org.Name,
                ["GitHubUrl"] = "https://github.com/" + org.Name,
                ["WorkFolder"] = workFolder,
                ["Ephemeral"] = "true",
            },
            SimulatorJsonContext.Default.DictionaryStringString);
        var credentials = JsonSerializer.Serialize(
            new Dictionary<string, string> { ["Scheme"] = "OAuthAccessToken", ["Token"] = SimulatorState.RandomToken(40) },
            SimulatorJsonContext.Default.DictionaryStringString);
        var files = JsonSerializer.Serialize(
            new Dictionary<string, string> { [".runner"] = B64(runnerFile), [".credentials"] = B64(credentials) },
            SimulatorJsonContext.Default.DictionaryStringString);
        return B64(files);
    }

    private AuthenticationTokenResponse NewRunnerToken() => new("A" + SimulatorState.RandomToken(28).ToUpperInvariant(), state.Now.AddHours(1));
}
