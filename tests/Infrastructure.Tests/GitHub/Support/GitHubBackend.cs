using System.Globalization;
using System.Web;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace RunnerTokens.Infrastructure.Tests.GitHub.Support;

/// <summary>Which GitHub the shared contract tests run against.</summary>
public enum BackendKind
{
    WireMock,
    Simulator,
}

/// <summary>
/// One GitHub for the shared contract tests: WireMock answering GitHub's documented shapes, or the simulator
/// holding real state. Each <c>Given</c> arranges the same situation on either.
/// </summary>
internal abstract class GitHubBackend : IAsyncDisposable
{
    public const string Org = GitHubTestHost.Org;

    public abstract GitHubTestHost Host { get; }

    /// <summary>Requests seen, token minting included.</summary>
    public abstract IReadOnlyList<SeenRequest> Requests { get; }

    public static GitHubBackend Create(BackendKind kind) => kind == BackendKind.WireMock ? new WireMockBackend() : new SimulatorBackend();

    public IReadOnlyList<SeenRequest> RequestsTo(string method, string path) =>
        [.. Requests.Where(r => r.Method == method && r.Path == path)];

    /// <summary>generate-jitconfig for <paramref name="name"/> with the custom label <c>gpu</c> succeeds.</summary>
    public abstract void GivenJitConfigCanBeCreated(string name);

    /// <summary>A runner named <paramref name="name"/> already exists.</summary>
    public abstract void GivenRunnerNameTaken(string name);

    /// <summary>An online runner, busy or idle; returns its id.</summary>
    public abstract long GivenRunner(string name, bool busy);

    /// <summary><paramref name="count"/> runners named runner-NNN.</summary>
    public abstract void GivenRunners(int count);

    /// <summary>A runner id that does not exist.</summary>
    public abstract void GivenMissingRunner(long runnerId);

    public abstract void GivenTokenEndpoints();

    public abstract void GivenRunnerGroups();

    public abstract void GivenRun(string repository, long runId, bool completed);

    /// <summary>The cached installation token is revoked: the next call for the runner answers 401 once.</summary>
    public abstract void GivenInstallationTokenRevoked(long runnerId);

    public abstract ValueTask DisposeAsync();

    private sealed class WireMockBackend : GitHubBackend
    {
        private readonly GitHubWireMock _github = new();
        private readonly GitHubTestHost _host;

        public WireMockBackend()
        {
            _github.StubInstallationToken();
            _host = GitHubTestHost.Create(GitHubTestHost.GitHubSettings(_github.ApiBaseUrl));
        }

        public override GitHubTestHost Host => _host;

        public override IReadOnlyList<SeenRequest> Requests =>
        [
            .. _github.Server.LogEntries.Select(e => e.RequestMessage!).Select(r => new SeenRequest(
                r.Method,
                r.Path,
                r.Query?.ToDictionary(q => q.Key, q => q.Value.First(), StringComparer.Ordinal) ?? [],
                string.IsNullOrEmpty(r.Body) ? null : r.Body,
                r.Headers?.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase) ?? [])),
        ];

        public override void GivenJitConfigCanBeCreated(string name)
        {
            var config = Convert.ToBase64String("{\".runner\":\"e30=\",\".credentials\":\"e30=\"}"u8.ToArray());
            Stub("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig", 201, $$"""{"runner":{{GitHubWireMock.RunnerJson(501, name, "offline")}},"encoded_jit_config":"{{config}}"}""");
        }

        public override void GivenRunnerNameTaken(string name) =>
            Stub("POST", $"/orgs/{Org}/actions/runners/generate-jitconfig", 409, Fixture.Read("error-conflict.409.json"));

        public override long GivenRunner(string name, bool busy)
        {
            const long id = 77;
            Stub("GET", $"/orgs/{Org}/actions/runners/{id}", 200, GitHubWireMock.RunnerJson(id, name, "online", busy), priority: 10);
            Stub("DELETE", $"/orgs/{Org}/actions/runners/{id}", busy ? 422 : 204, busy
                ? $$"""{"message":"Bad request - Runner \"{{name}}\" is still running a job\"","documentation_url":"https://docs.github.com/rest"}"""
                : null);
            _github.Server.Given(Request.Create().WithPath($"/orgs/{Org}/actions/runners").UsingGet().WithParam("name", name))
                .RespondWith(GitHubWireMock.Json(200, $$"""{"total_count":1,"runners":[{{GitHubWireMock.RunnerJson(id, name, "online", busy)}}]}"""));
            return id;
        }

        public override void GivenRunners(int count)
        {
            const int perPage = 100;
            var pages = (count + perPage - 1) / perPage;
            var path = $"/orgs/{Org}/actions/runners";
            for (var page = 1; page <= pages; page++)
            {
                var runners = Enumerable.Range(((page - 1) * perPage) + 1, Math.Min(perPage, count - ((page - 1) * perPage)))
                    .Select(i => GitHubWireMock.RunnerJson(i, $"runner-{i:000}"));
                var response = GitHubWireMock.Json(200, $$"""{"total_count":{{count}},"runners":[{{string.Join(",", runners)}}]}""");
                var links = new List<string>();
                if (page < pages)
                {
                    links.Add($"<{_github.ApiBaseUrl}{path}?per_page=100&page={page + 1}>; rel=\"next\"");
                    links.Add($"<{_github.ApiBaseUrl}{path}?per_page=100&page={pages}>; rel=\"last\"");
                }

                if (page > 1)
                {
                    links.Add($"<{_github.ApiBaseUrl}{path}?per_page=100&page={page - 1}>; rel=\"prev\"");
                }

                if (links.Count > 0)
                {
                    response = response.WithHeader("Link", string.Join(", ", links));
                }

                _github.Server.Given(Request.Create().WithPath(path).UsingGet().WithParam("page", page.ToString(CultureInfo.InvariantCulture))).RespondWith(response);
            }
        }

        public override void GivenMissingRunner(long runnerId)
        {
            Stub("GET", $"/orgs/{Org}/actions/runners/{runnerId}", 404, Fixture.Read("error-not-found.404.json"));
            Stub("DELETE", $"/orgs/{Org}/actions/runners/{runnerId}", 404, Fixture.Read("error-not-found.404.json"));
        }

        public override void GivenTokenEndpoints()
        {
            Stub("POST", $"/orgs/{Org}/actions/runners/registration-token", 201, Fixture.Read("registration-token.201.json"));
            Stub("POST", $"/orgs/{Org}/actions/runners/remove-token", 201, Fixture.Read("remove-token.201.json"));
        }

        public override void GivenRunnerGroups() =>
            Stub("GET", $"/orgs/{Org}/actions/runner-groups", 200, Fixture.Read("list-runner-groups.200.json"));

        public override void GivenRun(string repository, long runId, bool completed) =>
            Stub("POST", $"/repos/{Org}/{repository}/actions/runs/{runId}/cancel", completed ? 409 : 202, completed
                ? """{"message":"Cannot cancel a workflow run that is completed.","documentation_url":"https://docs.github.com/rest"}"""
                : "{}");

        public override void GivenInstallationTokenRevoked(long runnerId)
        {
            var path = $"/orgs/{Org}/actions/runners/{runnerId}";
            var scenario = "revoked-" + runnerId.ToString(CultureInfo.InvariantCulture);
            _github.Server.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(1).InScenario(scenario).WillSetStateTo("fresh")
                .RespondWith(GitHubWireMock.FixtureResponse(401, "error-unauthorized.401.json"));
            _github.Server.Given(Request.Create().WithPath(path).UsingGet()).AtPriority(1).InScenario(scenario).WhenStateIs("fresh")
                .RespondWith(GitHubWireMock.Json(200, GitHubWireMock.RunnerJson(runnerId, "revoked-runner")));
        }

        public override async ValueTask DisposeAsync()
        {
            await _host.DisposeAsync();
            _github.Dispose();
        }

        private void Stub(string method, string path, int status, string? body, int priority = 5)
        {
            var response = body is null ? GitHubWireMock.WithRateLimit(Response.Create().WithStatusCode(status)) : GitHubWireMock.Json(status, body);
            _github.Server.Given(Request.Create().WithPath(path).UsingMethod(method)).AtPriority(priority).RespondWith(response);
        }
    }

    private sealed class SimulatorBackend : GitHubBackend
    {
        private readonly GitHubTestHost _host = GitHubTestHost.Create(GitHubTestHost.SimulatorSettings());

        public override GitHubTestHost Host => _host;

        public override IReadOnlyList<SeenRequest> Requests =>
        [
            .. _host.Simulator.Requests.Select(r =>
            {
                var query = HttpUtility.ParseQueryString(r.Query);
                return new SeenRequest(
                    r.Method,
                    r.Path,
                    query.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => query[k]!, StringComparer.Ordinal),
                    r.Body,
                    r.Headers);
            }),
        ];

        public override void GivenJitConfigCanBeCreated(string name)
        {
        }

        public override void GivenRunnerNameTaken(string name) => _host.Simulator.AddRunner(Org, name, ["gpu"]);

        public override long GivenRunner(string name, bool busy)
        {
            var runner = _host.Simulator.AddRunner(Org, name, ["gpu"]);
            _host.Simulator.SetBusy(Org, runner.Id, busy);
            return runner.Id;
        }

        public override void GivenRunners(int count)
        {
            for (var i = 1; i <= count; i++)
            {
                _host.Simulator.AddRunner(Org, $"runner-{i:000}", ["gpu"]);
            }
        }

        public override void GivenMissingRunner(long runnerId) =>
            _host.Simulator.FindRunner(Org, runnerId).ShouldBeNull();

        public override void GivenTokenEndpoints()
        {
        }

        public override void GivenRunnerGroups() => _host.Simulator.AddRunnerGroup(Org, "gpu");

        public override void GivenRun(string repository, long runId, bool completed)
        {
            if (completed)
            {
                _host.Simulator.CompleteRun(Org, repository, runId);
            }
        }

        public override void GivenInstallationTokenRevoked(long runnerId) => _host.Simulator.RevokeInstallationTokens();

        public override ValueTask DisposeAsync() => _host.DisposeAsync();
    }
}
