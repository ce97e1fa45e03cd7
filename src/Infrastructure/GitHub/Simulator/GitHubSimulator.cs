using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using RunnerTokens.Infrastructure.GitHub.Api;

namespace RunnerTokens.Infrastructure.GitHub.Simulator;

/// <summary>
/// An in-memory GitHub for development and tests (<c>GitHub:Mode=Simulator</c>). It sits behind the real Refit
/// client as the primary HTTP handler, so serialization, auth and resilience all run. It speaks GitHub's routes
/// and JSON for installation lookup and tokens, generate-jitconfig, registration/remove tokens, runner list/get/
/// delete (paged, with Link headers), runner groups and run cancellation, with rate-limit headers.
/// Runners come online <c>GitHub:Simulator:RunnerOnlineDelay</c> after they are created (by the injected
/// <see cref="TimeProvider"/>). The public methods are the control API for tests and demos.
/// </summary>
public sealed class GitHubSimulator
{
    public const string DocumentationUrl = "https://docs.github.com/rest";
    public const string SimulatedRunnerVersion = "2.329.0";

    private static readonly string[] AllowedPermissions = ["organization_self_hosted_runners", "actions"];

    private readonly GitHubOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly string _basePath;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OrgState> _orgs = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, string> _installations = [];
    private readonly Dictionary<string, TokenState> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<long, RateState> _rates = [];
    private readonly HashSet<string> _uninstalled = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _completedRuns = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _cancelledRuns = [];
    private readonly List<SimulatedFault> _faults = [];
    private readonly List<SimulatedRequest> _requests = [];
    private long _nextRunnerId = 1;
    private long _nextLabelId = 1;
    private long _nextInstallationId = 40_000_001;
    private long _nextGroupId = 2;

    public GitHubSimulator(IOptions<GitHubOptions> options, TimeProvider timeProvider)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _basePath = Uri.TryCreate(_options.ApiBaseUrl, UriKind.Absolute, out var baseUri) ? baseUri.AbsolutePath.TrimEnd('/') : string.Empty;
    }

    /// <summary>Every request received so far, oldest first.</summary>
    public IReadOnlyList<SimulatedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Runs cancelled so far, as <c>owner/repo/run_id</c>.</summary>
    public IReadOnlyList<string> CancelledRuns
    {
        get
        {
            lock (_gate)
            {
                return [.. _cancelledRuns];
            }
        }
    }

    /// <summary>A handler for an HttpClient; all handlers share this simulator's state.</summary>
    public HttpMessageHandler CreateHandler() => new GitHubSimulatorHandler(this);

    /// <summary>The installation id the simulator uses for <paramref name="organization"/> (a configured one if given).</summary>
    public long InstallationIdFor(string organization)
    {
        lock (_gate)
        {
            return Org(organization).InstallationId;
        }
    }

    /// <summary>Makes <c>GET /orgs/{org}/installation</c> and the org's runner calls answer 404.</summary>
    public void Uninstall(string organization)
    {
        lock (_gate)
        {
            _uninstalled.Add(organization);
        }
    }

    /// <summary>The organization's runners, by id.</summary>
    public IReadOnlyList<SimulatedRunner> GetRunners(string organization)
    {
        lock (_gate)
        {
            var org = Org(organization);
            return [.. org.Runners.Values.Select(r => Snapshot(org, r))];
        }
    }

    /// <summary>One runner, or null.</summary>
    public SimulatedRunner? FindRunner(string organization, long runnerId)
    {
        lock (_gate)
        {
            var org = Org(organization);
            return org.Runners.TryGetValue(runnerId, out var runner) ? Snapshot(org, runner) : null;
        }
    }

    /// <summary>One runner by name (case-insensitive), or null.</summary>
    public SimulatedRunner? FindRunner(string organization, string name)
    {
        lock (_gate)
        {
            var org = Org(organization);
            var runner = org.Runners.Values.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            return runner is null ? null : Snapshot(org, runner);
        }
    }

    /// <summary>Registers a runner directly (as if configured by hand), online at once unless <paramref name="online"/> is false.</summary>
    public SimulatedRunner AddRunner(string organization, string name, IEnumerable<string> customLabels, bool online = true, long runnerGroupId = 1, bool ephemeral = false)
    {
        ArgumentNullException.ThrowIfNull(customLabels);
        lock (_gate)
        {
            var org = Org(organization);
            var now = _timeProvider.GetUtcNow();
            var runner = NewRunner(name, customLabels, runnerGroupId, ephemeral, now, online ? now : now + _options.Simulator.RunnerOnlineDelay);
            org.Runners.Add(runner.Id, runner);
            return Snapshot(org, runner);
        }
    }

    /// <summary>Marks a runner busy (running a job) or idle.</summary>
    public void SetBusy(string organization, long runnerId, bool busy) => Mutate(organization, runnerId, r => r.Busy = busy);

    /// <summary>Forces a runner offline (and idle), as when its machine disappears.</summary>
    public void SetOffline(string organization, long runnerId) => Mutate(organization, runnerId, r =>
    {
        r.ForcedStatus = "offline";
        r.Busy = false;
    });

    /// <summary>Forces a runner online now, without waiting for the online delay.</summary>
    public void SetOnline(string organization, long runnerId) => Mutate(organization, runnerId, r => r.ForcedStatus = "online");

    /// <summary>Replaces a runner's custom labels (read-only labels stay).</summary>
    public void Relabel(string organization, long runnerId, IEnumerable<string> customLabels)
    {
        ArgumentNullException.ThrowIfNull(customLabels);
        Mutate(organization, runnerId, r =>
        {
            r.Labels.RemoveAll(l => !l.ReadOnly);
            r.Labels.AddRange(CustomLabels(customLabels, r.Labels));
        });
    }

    /// <summary>Removes a runner as GitHub does (ephemeral runner finished, 14-day cleanup). False if unknown.</summary>
    public bool RemoveRunner(string organization, long runnerId)
    {
        lock (_gate)
        {
            return Org(organization).Runners.Remove(runnerId);
        }
    }

    /// <summary>Adds a runner group to an organization (the default group, id 1, always exists).</summary>
    public long AddRunnerGroup(string organization, string name, string visibility = "selected")
    {
        lock (_gate)
        {
            var id = _nextGroupId++;
            Org(organization).Groups.Add(id, new GroupState(id, name, visibility, false));
            return id;
        }
    }

    /// <summary>Sets an organization's rate-limit budget (remaining requests until the reset).</summary>
    public void SetRateLimit(string organization, int remaining, TimeSpan resetIn)
    {
        lock (_gate)
        {
            var installation = Org(organization).InstallationId;
            _rates[installation] = new RateState(_options.Simulator.RateLimit, remaining, _timeProvider.GetUtcNow() + resetIn);
        }
    }

    /// <summary>Revokes every installation token: the next call with one answers 401.</summary>
    public void RevokeInstallationTokens()
    {
        lock (_gate)
        {
            _tokens.Clear();
        }
    }

    /// <summary>Marks a workflow run completed, so cancelling it answers 409.</summary>
    public void CompleteRun(string owner, string repository, long runId)
    {
        lock (_gate)
        {
            _completedRuns.Add(RunKey(owner, repository, runId));
        }
    }

    /// <summary>Queues a one-shot fault for the next matching request.</summary>
    public void InjectFault(SimulatedFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    /// <summary>The next matching request answers <paramref name="status"/> without being processed.</summary>
    public void FailNext(HttpStatusCode status, string? pathContains = null, HttpMethod? method = null, int? retryAfterSeconds = null) =>
        InjectFault(new SimulatedFault(SimulatedFaultKind.Status) { Status = status, PathContains = pathContains, Method = method, RetryAfterSeconds = retryAfterSeconds });

    /// <summary>The next matching request never gets an answer; with <paramref name="afterProcessing"/> its effect happens first.</summary>
    public void TimeoutNext(string? pathContains = null, HttpMethod? method = null, bool afterProcessing = false) =>
        InjectFault(new SimulatedFault(SimulatedFaultKind.Timeout) { PathContains = pathContains, Method = method, AfterProcessing = afterProcessing });

    /// <summary>The next matching request fails with a connection reset; with <paramref name="afterProcessing"/> its effect happens first.</summary>
    public void ResetConnectionNext(string? pathContains = null, HttpMethod? method = null, bool afterProcessing = false) =>
        InjectFault(new SimulatedFault(SimulatedFaultKind.ConnectionReset) { PathContains = pathContains, Method = method, AfterProcessing = afterProcessing });

    internal async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // An empty content goes over the wire as no body at all (Content-Length: 0).
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        body = string.IsNullOrEmpty(body) ? null : body;
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var path = RelativePath(uri);
        SimulatedFault? fault;
        lock (_gate)
        {
            _requests.Add(new SimulatedRequest(request.Method.Method, path, uri.Query, body, RecordedHeaders(request), request.Headers.Authorization is not null));
            fault = TakeFault(request.Method, path);
        }

        if (fault is { Kind: SimulatedFaultKind.Status })
        {
            return ToResponse(request, FaultAnswer(fault));
        }

        if (fault is { AfterProcessing: false })
        {
            await FailTransportAsync(fault, cancellationToken);
        }

        Answer answer;
        lock (_gate)
        {
            answer = Route(request, uri, path, body);
        }

        if (fault is not null)
        {
            await FailTransportAsync(fault, cancellationToken);
        }

        return ToResponse(request, answer);
    }

    private static async Task FailTransportAsync(SimulatedFault fault, CancellationToken cancellationToken)
    {
        if (fault.Kind == SimulatedFaultKind.Timeout)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection reset by peer (simulated).", new IOException("Connection reset by peer."));
    }

    private Answer Route(HttpRequestMessage request, Uri uri, string path, string? body)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var method = request.Method;
        var authorization = request.Headers.Authorization is { Scheme: var scheme, Parameter: { } parameter }
            && string.Equals(scheme, "Bearer", StringComparison.OrdinalIgnoreCase) ? parameter : null;

        switch (segments)
        {
            case ["app", "installations", var id, "access_tokens"] when method == HttpMethod.Post:
                return CheckAppJwt(authorization) ?? CreateInstallationToken(id, body);
            case ["orgs", var org, "installation"] when method == HttpMethod.Get:
                return CheckAppJwt(authorization) ?? GetInstallation(org);
            case ["orgs", var org, "actions", "runners", "generate-jitconfig"] when method == HttpMethod.Post:
                return WithInstallation(authorization, org, "organization_self_hosted_runners", o => GenerateJitConfig(o, body));
            case ["orgs", var org, "actions", "runners", "registration-token" or "remove-token"] when method == HttpMethod.Post:
                return WithInstallation(authorization, org, "organization_self_hosted_runners", _ => Json(HttpStatusCode.Created, NewRunnerToken(), GitHubJsonContext.Default.AuthenticationTokenResponse));
            case ["orgs", var org, "actions", "runners"] when method == HttpMethod.Get:
                return WithInstallation(authorization, org, "organization_self_hosted_runners", o => ListRunners(o, uri));
            case ["orgs", var org, "actions", "runners", var id] when method == HttpMethod.Get:
                return WithInstallation(authorization, org, "organization_self_hosted_runners", o => GetRunner(o, id));
            case ["orgs", var org, "actions", "runners", var id] when method == HttpMethod.Delete:
                return WithInstallation(authorization, org, "organization_self_hosted_runners", o => DeleteRunner(o, id));
            case ["orgs", var org, "actions", "runner-groups"] when method == HttpMethod.Get:
                return WithInstallation(authorization, org, "organization_self_hosted_runners", o => ListRunnerGroups(o, uri));
            case ["repos", var owner, var repo, "actions", "runs", var id, "cancel"] when method == HttpMethod.Post:
                return WithInstallation(authorization, owner, "actions", _ => CancelRun(owner, repo, id));
            default:
                return Error(HttpStatusCode.NotFound, "Not Found");
        }
    }

    private Answer? CheckAppJwt(string? jwt)
    {
        if (jwt is null)
        {
            return Error(HttpStatusCode.Unauthorized, "A JSON web token could not be decoded");
        }

        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return Error(HttpStatusCode.Unauthorized, "A JSON web token could not be decoded");
        }

        try
        {
            using var payload = JsonDocument.Parse(Base64UrlDecode(parts[1]));
            var root = payload.RootElement;
            var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
            var exp = root.GetProperty("exp").GetInt64();
            var iat = root.GetProperty("iat").GetInt64();
            if (!root.TryGetProperty("iss", out var iss) || string.IsNullOrEmpty(iss.ToString()))
            {
                return Error(HttpStatusCode.Unauthorized, "'Issuer' claim ('iss') must be an Integer");
            }

            if (exp <= now)
            {
                return Error(HttpStatusCode.Unauthorized, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires");
            }

            if (exp - now > 600 || iat > now + 60)
            {
                return Error(HttpStatusCode.Unauthorized, "'Expiration time' claim ('exp') is too far in the future");
            }

            return null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return Error(HttpStatusCode.Unauthorized, "A JSON web token could not be decoded");
        }
    }

    private Answer CreateInstallationToken(string id, string? body)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var installationId) || !_installations.ContainsKey(installationId))
        {
            // Configured installation ids become known on first use.
            if (installationId > 0 && _options.Organizations.FirstOrDefault(o => o.InstallationId == installationId) is { Name: { } name })
            {
                _ = Org(name);
            }
            else
            {
                return Error(HttpStatusCode.NotFound, "Not Found");
            }
        }

        IReadOnlyDictionary<string, string> permissions;
        try
        {
            permissions = string.IsNullOrWhiteSpace(body)
                ? AllowedPermissions.ToDictionary(p => p, _ => "write")
                : JsonSerializer.Deserialize(body, GitHubJsonContext.Default.InstallationTokenRequest)?.Permissions
                    ?? AllowedPermissions.ToDictionary(p => p, _ => "write");
        }
        catch (JsonException)
        {
            return Error(HttpStatusCode.BadRequest, "Problems parsing JSON");
        }

        if (permissions.Keys.Any(p => !AllowedPermissions.Contains(p, StringComparer.Ordinal)))
        {
            return Error(HttpStatusCode.UnprocessableEntity, "The permissions requested are not granted to this installation.");
        }

        var now = _timeProvider.GetUtcNow();
        foreach (var expired in _tokens.Where(t => t.Value.ExpiresAt <= now).Select(t => t.Key).ToList())
        {
            _tokens.Remove(expired);
        }

        var token = new TokenState("ghs_" + RandomToken(36), installationId, now.AddHours(1), [.. permissions.Keys]);
        _tokens[token.Value] = token;
        var response = new InstallationTokenResponse(token.Value, token.ExpiresAt) { Permissions = permissions, RepositorySelection = "all" };
        return Json(HttpStatusCode.Created, response, GitHubJsonContext.Default.InstallationTokenResponse);
    }

    private Answer GetInstallation(string organization)
    {
        if (_uninstalled.Contains(organization))
        {
            return Error(HttpStatusCode.NotFound, "Not Found");
        }

        var org = Org(organization);
        var response = new InstallationResponse(org.InstallationId)
        {
            AppId = long.TryParse(_options.AppId, NumberStyles.None, CultureInfo.InvariantCulture, out var appId) ? appId : 1,
            TargetType = "Organization",
            Account = new InstallationAccountDto(org.Name, org.AccountId),
        };
        return Json(HttpStatusCode.OK, response, GitHubJsonContext.Default.InstallationResponse);
    }

    private Answer WithInstallation(string? authorization, string organization, string permission, Func<OrgState, Answer> handle)
    {
        var now = _timeProvider.GetUtcNow();
        if (authorization is null || !_tokens.TryGetValue(authorization, out var token) || token.ExpiresAt <= now)
        {
            return Error(HttpStatusCode.Unauthorized, "Bad credentials");
        }

        if (!_rates.TryGetValue(token.InstallationId, out var rate) || rate.ResetAt <= now)
        {
            rate = new RateState(_options.Simulator.RateLimit, _options.Simulator.RateLimit, now.AddHours(1));
        }

        Answer answer;
        if (rate.Remaining <= 0)
        {
            answer = Error(HttpStatusCode.Forbidden, $"API rate limit exceeded for installation ID {token.InstallationId}.");
        }
        else
        {
            rate = rate with { Remaining = rate.Remaining - 1 };
            answer = _uninstalled.Contains(organization) || Org(organization).InstallationId != token.InstallationId
                ? Error(HttpStatusCode.NotFound, "Not Found")
                : !token.Permissions.Contains(permission)
                    ? Error(HttpStatusCode.Forbidden, "Resource not accessible by integration")
                    : handle(Org(organization));
        }

        _rates[token.InstallationId] = rate;
        answer.Headers.Add(("x-ratelimit-limit", rate.Limit.ToString(CultureInfo.InvariantCulture)));
        answer.Headers.Add(("x-ratelimit-remaining", rate.Remaining.ToString(CultureInfo.InvariantCulture)));
        answer.Headers.Add(("x-ratelimit-reset", rate.ResetAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        answer.Headers.Add(("x-ratelimit-used", (rate.Limit - rate.Remaining).ToString(CultureInfo.InvariantCulture)));
        answer.Headers.Add(("x-ratelimit-resource", "core"));
        return answer;
    }

    private Answer GenerateJitConfig(OrgState org, string? body)
    {
        JitConfigRequest? request;
        try
        {
            request = string.IsNullOrWhiteSpace(body) ? null : JsonSerializer.Deserialize(body, GitHubJsonContext.Default.JitConfigRequest);
        }
        catch (JsonException)
        {
            return Error(HttpStatusCode.BadRequest, "Problems parsing JSON");
        }

        if (request is null || string.IsNullOrWhiteSpace(request.Name))
        {
            return Error(HttpStatusCode.UnprocessableEntity, "Invalid request.", "\"name\" wasn't supplied.");
        }

        if (request.Labels is null || request.Labels.Count is < 1 or > 100)
        {
            return Error(HttpStatusCode.UnprocessableEntity, "Invalid request.", "labels must contain between 1 and 100 items.");
        }

        if (!org.Groups.ContainsKey(request.RunnerGroupId))
        {
            return Error(HttpStatusCode.NotFound, "Not Found");
        }

        if (org.Runners.Values.Any(r => string.Equals(r.Name, request.Name, StringComparison.OrdinalIgnoreCase)))
        {
            return Error(HttpStatusCode.Conflict, $"Already exists - A runner with the name {request.Name} already exists.");
        }

        var now = _timeProvider.GetUtcNow();
        var runner = NewRunner(request.Name, request.Labels, request.RunnerGroupId, ephemeral: true, now, now + _options.Simulator.RunnerOnlineDelay);
        org.Runners.Add(runner.Id, runner);
        var response = new JitConfigResponse(ToDto(runner), EncodeJitConfig(org, runner, request.WorkFolder ?? "_work"));
        return Json(HttpStatusCode.Created, response, GitHubJsonContext.Default.JitConfigResponse);
    }

    private Answer ListRunners(OrgState org, Uri uri)
    {
        var query = QueryHelpers.ParseQuery(uri.Query);
        var name = query.TryGetValue("name", out var names) ? names.ToString() : null;
        var matching = org.Runners.Values
            .Where(r => string.IsNullOrEmpty(name) || string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var (items, links) = Page(matching, uri, query);
        var answer = Json(HttpStatusCode.OK, new RunnerListResponse(matching.Count, [.. items.Select(ToDto)]), GitHubJsonContext.Default.RunnerListResponse);
        answer.AddLinks(links);
        return answer;
    }

    private Answer GetRunner(OrgState org, string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var runnerId) && org.Runners.TryGetValue(runnerId, out var runner)
            ? Json(HttpStatusCode.OK, ToDto(runner), GitHubJsonContext.Default.SelfHostedRunnerDto)
            : Error(HttpStatusCode.NotFound, "Not Found");

    private Answer DeleteRunner(OrgState org, string id)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var runnerId) || !org.Runners.TryGetValue(runnerId, out var runner))
        {
            return Error(HttpStatusCode.NotFound, "Not Found");
        }

        if (runner.Busy)
        {
            return Error(HttpStatusCode.UnprocessableEntity, $"Bad request - Runner \"{runner.Name}\" is still running a job\"");
        }

        org.Runners.Remove(runnerId);
        return new Answer(HttpStatusCode.NoContent, null);
    }

    private Answer ListRunnerGroups(OrgState org, Uri uri)
    {
        var query = QueryHelpers.ParseQuery(uri.Query);
        var groups = org.Groups.Values.ToList();
        var (items, links) = Page(groups, uri, query);
        var root = uri.GetLeftPart(UriPartial.Authority) + _basePath;
        var dtos = items.Select(g => new RunnerGroupDto(
            g.Id,
            g.Name,
            g.Visibility,
            g.IsDefault,
            $"{root}/orgs/{Uri.EscapeDataString(org.Name)}/actions/runner-groups/{g.Id}/runners",
            Inherited: false,
            AllowsPublicRepositories: false) { RestrictedToWorkflows = false }).ToList();
        var answer = Json(HttpStatusCode.OK, new RunnerGroupListResponse(groups.Count, dtos), GitHubJsonContext.Default.RunnerGroupListResponse);
        answer.AddLinks(links);
        return answer;
    }

    private Answer CancelRun(string owner, string repository, string id)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var runId))
        {
            return Error(HttpStatusCode.NotFound, "Not Found");
        }

        var key = RunKey(owner, repository, runId);
        if (_completedRuns.Contains(key))
        {
            return Error(HttpStatusCode.Conflict, "Cannot cancel a workflow run that is completed.");
        }

        _cancelledRuns.Add(key);
        return new Answer(HttpStatusCode.Accepted, "{}");
    }

    private (List<T> Items, List<(int Page, string Rel)> Links) Page<T>(List<T> all, Uri uri, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query)
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

    private RunnerState NewRunner(string name, IEnumerable<string> customLabels, long groupId, bool ephemeral, DateTimeOffset now, DateTimeOffset onlineAt)
    {
        var labels = new List<SimulatedRunnerLabel>
        {
            new(_nextLabelId++, "self-hosted", true),
            new(_nextLabelId++, _options.Simulator.OsLabel, true),
            new(_nextLabelId++, _options.Simulator.ArchitectureLabel, true),
        };
        labels.AddRange(CustomLabels(customLabels, labels));
        return new RunnerState(_nextRunnerId++, name, labels, groupId, ephemeral, now, onlineAt);
    }

    private IEnumerable<SimulatedRunnerLabel> CustomLabels(IEnumerable<string> names, List<SimulatedRunnerLabel> existing)
    {
        var taken = new HashSet<string>(existing.Select(l => l.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()))
        {
            if (taken.Add(name))
            {
                yield return new SimulatedRunnerLabel(_nextLabelId++, name, false);
            }
        }
    }

    private SelfHostedRunnerDto ToDto(RunnerState runner)
    {
        var status = Status(runner);
        return new SelfHostedRunnerDto(
            runner.Id,
            runner.Name,
            _options.Simulator.Os,
            status,
            runner.Busy,
            [.. runner.Labels.Select(l => new RunnerLabelDto(l.Name) { Id = l.Id, Type = l.ReadOnly ? "read-only" : "custom" })])
        {
            RunnerGroupId = runner.GroupId,
            Ephemeral = runner.Ephemeral,
            Version = status == "online" || runner.Busy ? SimulatedRunnerVersion : null,
        };
    }

    private SimulatedRunner Snapshot(OrgState org, RunnerState runner) =>
        new(org.Name, runner.Id, runner.Name, Status(runner), runner.Busy, [.. runner.Labels], runner.GroupId, runner.Ephemeral, runner.CreatedAt);

    private string Status(RunnerState runner) =>
        runner.ForcedStatus ?? (runner.Busy || _timeProvider.GetUtcNow() >= runner.OnlineAt ? "online" : "offline");

    private void Mutate(string organization, long runnerId, Action<RunnerState> change)
    {
        lock (_gate)
        {
            if (!Org(organization).Runners.TryGetValue(runnerId, out var runner))
            {
                throw new KeyNotFoundException($"The simulator has no runner {runnerId} in {organization}.");
            }

            change(runner);
        }
    }

    private OrgState Org(string organization)
    {
        if (_orgs.TryGetValue(organization, out var org))
        {
            return org;
        }

        var configured = _options.FindOrganization(organization);
        var installationId = configured?.InstallationId ?? _nextInstallationId++;
        org = new OrgState(configured?.Name?.Trim() ?? organization, installationId, 9_000_000 + _orgs.Count + 1);
        org.Groups.Add(1, new GroupState(1, "Default", "all", true));
        _orgs.Add(organization, org);
        _installations[installationId] = org.Name;
        return org;
    }

    private SimulatedFault? TakeFault(HttpMethod method, string path)
    {
        var index = _faults.FindIndex(f =>
            (f.Method is null || f.Method == method)
            && (f.PathContains is null || path.Contains(f.PathContains, StringComparison.OrdinalIgnoreCase)));
        if (index < 0)
        {
            return null;
        }

        var fault = _faults[index];
        _faults.RemoveAt(index);
        return fault;
    }

    private Answer FaultAnswer(SimulatedFault fault)
    {
        var answer = Error(fault.Status, fault.Status switch
        {
            HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests when fault.PrimaryRateLimit => "API rate limit exceeded.",
            HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests => "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            _ => $"Simulated {(int)fault.Status} answer.",
        });
        if (fault.RetryAfterSeconds is { } seconds)
        {
            answer.Headers.Add(("retry-after", seconds.ToString(CultureInfo.InvariantCulture)));
        }

        if (fault.PrimaryRateLimit)
        {
            var reset = _timeProvider.GetUtcNow().AddSeconds(fault.RetryAfterSeconds ?? 60).ToUnixTimeSeconds();
            answer.Headers.Add(("x-ratelimit-limit", _options.Simulator.RateLimit.ToString(CultureInfo.InvariantCulture)));
            answer.Headers.Add(("x-ratelimit-remaining", "0"));
            answer.Headers.Add(("x-ratelimit-reset", reset.ToString(CultureInfo.InvariantCulture)));
        }

        return answer;
    }

    private string RelativePath(Uri uri)
    {
        var path = uri.AbsolutePath;
        return _basePath.Length > 0 && path.StartsWith(_basePath + "/", StringComparison.OrdinalIgnoreCase) ? path[_basePath.Length..] : path;
    }

    private string EncodeJitConfig(OrgState org, RunnerState runner, string workFolder)
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
            new Dictionary<string, string> { ["Scheme"] = "OAuthAccessToken", ["Token"] = RandomToken(40) },
            SimulatorJsonContext.Default.DictionaryStringString);
        var files = JsonSerializer.Serialize(
            new Dictionary<string, string> { [".runner"] = B64(runnerFile), [".credentials"] = B64(credentials) },
            SimulatorJsonContext.Default.DictionaryStringString);
        return B64(files);
    }

    private AuthenticationTokenResponse NewRunnerToken() => new("A" + RandomToken(28).ToUpperInvariant(), _timeProvider.GetUtcNow().AddHours(1));

    private static Answer Json<T>(HttpStatusCode status, T value, JsonTypeInfo<T> typeInfo) => new(status, JsonSerializer.Serialize(value, typeInfo));

    private static Answer Error(HttpStatusCode status, string message, params string[] errors)
    {
        var body = new GitHubErrorBody(message, DocumentationUrl)
        {
            Status = ((int)status).ToString(CultureInfo.InvariantCulture),
            Errors = errors.Length > 0 ? errors : null,
        };
        return Json(status, body, GitHubJsonContext.Default.GitHubErrorBody);
    }

    private static HttpResponseMessage ToResponse(HttpRequestMessage request, Answer answer)
    {
        var response = new HttpResponseMessage(answer.Status) { RequestMessage = request };
        if (answer.Body is not null)
        {
            response.Content = new StringContent(answer.Body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in answer.Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        if (answer.Links.Count > 0)
        {
            var target = request.RequestUri!;
            var query = QueryHelpers.ParseQuery(target.Query);
            var parts = answer.Links.Select(link =>
            {
                var parameters = query
                    .Where(q => q.Key != "page")
                    .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
                    .Append(new KeyValuePair<string, string?>("page", link.Page.ToString(CultureInfo.InvariantCulture)));
                return $"<{QueryHelpers.AddQueryString(target.GetLeftPart(UriPartial.Path), parameters)}>; rel=\"{link.Rel}\"";
            });
            response.Headers.TryAddWithoutValidation("Link", string.Join(", ", parts));
        }

        response.Headers.TryAddWithoutValidation("x-github-request-id", Guid.NewGuid().ToString("N")[..16].ToUpperInvariant());
        return response;
    }

    private static Dictionary<string, string> RecordedHeaders(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "Accept", "X-GitHub-Api-Version", "User-Agent" })
        {
            if (request.Headers.TryGetValues(name, out var values))
            {
                headers[name] = string.Join(", ", values);
            }
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["Content-Type"] = contentType.ToString();
        }

        return headers;
    }

    private static string RunKey(string owner, string repository, long runId) =>
        $"{owner}/{repository}/{runId.ToString(CultureInfo.InvariantCulture)}";

    private static string RandomToken(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }

    private static byte[] Base64UrlDecode(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        return Convert.FromBase64String(padded);
    }

    private sealed class Answer(HttpStatusCode status, string? body)
    {
        public HttpStatusCode Status { get; } = status;

        public string? Body { get; } = body;

        public List<(string Name, string Value)> Headers { get; } = [];

        public List<(int Page, string Rel)> Links { get; } = [];

        public void AddLinks(IEnumerable<(int Page, string Rel)> links) => Links.AddRange(links);
    }

    private sealed class OrgState(string name, long installationId, long accountId)
    {
        public string Name { get; } = name;

        public long InstallationId { get; } = installationId;

        public long AccountId { get; } = accountId;

        public SortedDictionary<long, RunnerState> Runners { get; } = [];

        public SortedDictionary<long, GroupState> Groups { get; } = [];
    }

    private sealed class RunnerState(long id, string name, List<SimulatedRunnerLabel> labels, long groupId, bool ephemeral, DateTimeOffset createdAt, DateTimeOffset onlineAt)
    {
        public long Id { get; } = id;

        public string Name { get; } = name;

        public List<SimulatedRunnerLabel> Labels { get; } = labels;

        public long GroupId { get; } = groupId;

        public bool Ephemeral { get; } = ephemeral;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public DateTimeOffset OnlineAt { get; } = onlineAt;

        public string? ForcedStatus { get; set; }

        public bool Busy { get; set; }
    }

    private sealed record GroupState(long Id, string Name, string Visibility, bool IsDefault);

    private sealed record TokenState(string Value, long InstallationId, DateTimeOffset ExpiresAt, HashSet<string> Permissions);

    private sealed record RateState(int Limit, int Remaining, DateTimeOffset ResetAt);
}
