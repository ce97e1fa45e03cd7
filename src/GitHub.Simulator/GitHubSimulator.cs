using System.Net;
using Microsoft.Extensions.Options;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.GitHub.Simulator;

/// <summary>
/// An in-memory GitHub for development and tests (<c>GitHub:Mode=Simulator</c>). It sits behind the real Refit
/// client as the primary HTTP handler (<see cref="CreateHandler"/>), so serialization, auth and resilience all run;
/// <see cref="HandleAsync"/> is the transport-free core (request in, response out) that any host can call.
/// Runners come online <c>GitHub:Simulator:RunnerOnlineDelay</c> after they are created (by the injected
/// <see cref="TimeProvider"/>). The public methods are the control API for tests and demos.
/// </summary>
/// <remarks>
/// The parts: <see cref="SimulatorState"/> (what GitHub remembers), <see cref="SimulatorRoutes"/> (GitHub's routes
/// and JSON), <see cref="SimulatorAuth"/> (App JWT, installation tokens, rate limits) and
/// <see cref="SimulatorFaults"/> (injected failures). This class wires them together.
/// </remarks>
public sealed class GitHubSimulator
{
    public const string DocumentationUrl = "https://docs.github.com/rest";
    public const string SimulatedRunnerVersion = "2.329.0";

    private readonly SimulatorState _state;
    private readonly SimulatorAuth _auth;
    private readonly SimulatorRoutes _routes;
    private readonly SimulatorFaults _faults;

    public GitHubSimulator(IOptions<GitHubOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = new SimulatorState(options.Value, timeProvider);
        _auth = new SimulatorAuth(_state);
        _routes = new SimulatorRoutes(_state, _auth);
        _faults = new SimulatorFaults(_state);
    }

    /// <summary>The last <see cref="SimulatorState.MaxRecordedRequests"/> requests received, oldest first.</summary>
    public IReadOnlyList<SimulatedRequest> Requests => Locked<IReadOnlyList<SimulatedRequest>>(() => [.. _state.Requests]);

    /// <summary>
    /// What GitHub was asked for over the simulator's life (not bounded like <see cref="Requests"/>): requests in all,
    /// generate-jitconfig calls per organization and runner name, installation tokens minted per installation.
    /// </summary>
    public SimulatorCounters Counters => Locked(_state.Counters.Snapshot);

    /// <summary>Runs cancelled so far, as <c>owner/repo/run_id</c>.</summary>
    public IReadOnlyList<string> CancelledRuns => Locked<IReadOnlyList<string>>(() => [.. _state.CancelledRuns]);

    /// <summary>A handler for an HttpClient; all handlers share this simulator's state.</summary>
    public HttpMessageHandler CreateHandler() => new GitHubSimulatorHandler(this);

    /// <summary>The installation id the simulator uses for <paramref name="organization"/> (a configured one if given).</summary>
    public long InstallationIdFor(string organization) => Locked(() => _state.Org(organization).InstallationId);

    /// <summary>Makes <c>GET /orgs/{org}/installation</c> and the org's runner calls answer 404.</summary>
    public void Uninstall(string organization) => Locked(() => _state.Uninstalled.Add(organization));

    /// <summary>The organization's runners, by id.</summary>
    public IReadOnlyList<SimulatedRunner> GetRunners(string organization) => Locked<IReadOnlyList<SimulatedRunner>>(() =>
    {
        var org = _state.Org(organization);
        return [.. org.Runners.Values.Select(r => _state.Snapshot(org, r))];
    });

    /// <summary>One runner, or null.</summary>
    public SimulatedRunner? FindRunner(string organization, long runnerId) => Locked(() =>
    {
        var org = _state.Org(organization);
        return org.Runners.TryGetValue(runnerId, out var runner) ? _state.Snapshot(org, runner) : null;
    });

    /// <summary>One runner by name (case-insensitive), or null.</summary>
    public SimulatedRunner? FindRunner(string organization, string name) => Locked(() =>
    {
        var org = _state.Org(organization);
        var runner = org.Runners.Values.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
        return runner is null ? null : _state.Snapshot(org, runner);
    });

    /// <summary>Registers a runner directly (as if configured by hand), online at once unless <paramref name="online"/> is false.</summary>
    public SimulatedRunner AddRunner(string organization, string name, IEnumerable<string> customLabels, bool online = true, long runnerGroupId = 1, bool ephemeral = false)
    {
        ArgumentNullException.ThrowIfNull(customLabels);
        return Locked(() =>
        {
            var org = _state.Org(organization);
            var now = _state.Now;
            var runner = _state.NewRunner(name, customLabels, runnerGroupId, ephemeral, now, online ? now : now + _state.Settings.Simulator.RunnerOnlineDelay);
            org.Add(runner);
            return _state.Snapshot(org, runner);
        });
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
            r.Labels.AddRange(_state.CustomLabels(customLabels, r.Labels));
        });
    }

    /// <summary>Removes a runner as GitHub does (ephemeral runner finished, 14-day cleanup). False if unknown.</summary>
    public bool RemoveRunner(string organization, long runnerId) => Locked(() => _state.Org(organization).Remove(runnerId));

    /// <summary>Adds a runner group to an organization (the default group, id 1, always exists).</summary>
    public long AddRunnerGroup(string organization, string name, string visibility = "selected") => Locked(() =>
    {
        var id = _state.NextGroupId();
        _state.Org(organization).Groups.Add(id, new GroupState(id, name, visibility, false));
        return id;
    });

    /// <summary>Sets an organization's rate-limit budget (remaining requests until the reset).</summary>
    public void SetRateLimit(string organization, int remaining, TimeSpan resetIn) =>
        Locked(() => _auth.SetRateLimit(_state.Org(organization).InstallationId, remaining, _state.Now + resetIn));

    /// <summary>Revokes every installation token: the next call with one answers 401.</summary>
    public void RevokeInstallationTokens() => Locked(_state.Tokens.Clear);

    /// <summary>Marks a workflow run completed, so cancelling it answers 409.</summary>
    public void CompleteRun(string owner, string repository, long runId) =>
        Locked(() => _state.CompletedRuns.Add(SimulatorState.RunKey(owner, repository, runId)));

    /// <summary>Queues a one-shot fault for the next matching request.</summary>
    public void InjectFault(SimulatedFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        _faults.Add(fault);
    }

    /// <summary>Drops the injected faults no request has matched yet; returns how many.</summary>
    public int ClearFaults() => _faults.Clear();

    /// <summary>The next matching request answers <paramref name="status"/> without being processed.</summary>
    public void FailNext(HttpStatusCode status, string? pathContains = null, HttpMethod? method = null, int? retryAfterSeconds = null) =>
        InjectFault(new SimulatedFault(SimulatedFaultKind.Status) { Status = status, PathContains = pathContains, Method = method, RetryAfterSeconds = retryAfterSeconds });

    /// <summary>The next matching request never gets an answer; with <paramref name="afterProcessing"/> its effect happens first.</summary>
    public void TimeoutNext(string? pathContains = null, HttpMethod? method = null, bool afterProcessing = false) =>
        InjectFault(new SimulatedFault(SimulatedFaultKind.Timeout) { PathContains = pathContains, Method = method, AfterProcessing = afterProcessing });

    /// <summary>The next matching request fails with a connection reset; with <paramref name="afterProcessing"/> its effect happens first.</summary>
    public void ResetConnectionNext(string? pathContains = null, HttpMethod? method = null, bool afterProcessing = false) =>
        InjectFault(new SimulatedFault(SimulatedFaultKind.ConnectionReset) { PathContains = pathContains, Method = method, AfterProcessing = afterProcessing });

    /// <summary>
    /// Answers one GitHub API request (absolute URI under <c>GitHub:ApiBaseUrl</c>) as GitHub would: the core that
    /// the in-process handler calls, and that an HTTP server adapter can call the same way. Injected transport
    /// faults surface as <see cref="HttpRequestException"/> or as a wait until <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task<HttpResponseMessage> HandleAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // An empty content goes over the wire as no body at all (Content-Length: 0).
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        body = string.IsNullOrEmpty(body) ? null : body;
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        var path = _state.RelativePath(uri);
        SimulatedFault? fault;
        lock (_state.Gate)
        {
            _state.Record(request, path, body);
            fault = _faults.Take(request.Method, path);
        }

        if (fault is { Kind: SimulatedFaultKind.Status })
        {
            var faulted = _faults.Answer(fault);
            Locked(() => _state.Counters.CountAnswer(request.Method, path, body, faulted.Status));
            return faulted.ToResponse(request);
        }

        if (fault is { Kind: SimulatedFaultKind.Slow })
        {
            await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMilliseconds), cancellationToken);
            fault = null;
        }

        if (fault is { AfterProcessing: false })
        {
            await SimulatorFaults.FailTransportAsync(fault, cancellationToken);
        }

        var answer = Locked(() =>
        {
            var routed = _routes.Route(request, uri, path, body);
            _state.Counters.CountAnswer(request.Method, path, body, routed.Status);
            return routed;
        });
        if (fault is not null)
        {
            await SimulatorFaults.FailTransportAsync(fault, cancellationToken);
        }

        return answer.ToResponse(request);
    }

    private T Locked<T>(Func<T> read)
    {
        lock (_state.Gate)
        {
            return read();
        }
    }

    private void Locked(Action change)
    {
        lock (_state.Gate)
        {
            change();
        }
    }

    private void Mutate(string organization, long runnerId, Action<RunnerState> change) => Locked(() =>
    {
        if (!_state.Org(organization).Runners.TryGetValue(runnerId, out var runner))
        {
            throw new KeyNotFoundException($"The simulator has no runner {runnerId} in {organization}.");
        }

        change(runner);
    });
}
