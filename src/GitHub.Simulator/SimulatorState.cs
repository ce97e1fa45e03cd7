using System.Globalization;
using System.Security.Cryptography;
using RunnerTokens.Infrastructure.GitHub.Api;
using RunnerTokens.Infrastructure.GitHub.Options;

namespace RunnerTokens.GitHub.Simulator;

/// <summary>
/// Everything the simulated GitHub remembers: organizations and their runners and groups, installations,
/// installation tokens, rate-limit windows, workflow runs and the request log. Callers hold <see cref="Gate"/>
/// while they read or change it.
/// </summary>
internal sealed class SimulatorState(GitHubOptions options, TimeProvider timeProvider)
{
    private readonly Dictionary<string, OrgState> _orgs = new(StringComparer.OrdinalIgnoreCase);
    private readonly string _basePath = Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var baseUri) ? baseUri.AbsolutePath.TrimEnd('/') : string.Empty;
    private long _nextRunnerId = 1;
    private long _nextLabelId = 1;
    private long _nextInstallationId = 40_000_001;
    private long _nextGroupId = 2;

    public Lock Gate { get; } = new();

    public GitHubOptions Settings { get; } = options;

    public DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>Installation id to organization name.</summary>
    public Dictionary<long, string> Installations { get; } = [];

    public Dictionary<string, TokenState> Tokens { get; } = new(StringComparer.Ordinal);

    public Dictionary<long, RateState> Rates { get; } = [];

    public HashSet<string> Uninstalled { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HashSet<string> CompletedRuns { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> CancelledRuns { get; } = [];

    /// <summary>How many requests <see cref="Requests"/> keeps (the oldest tenth is dropped when it is full).</summary>
    public const int MaxRecordedRequests = 10_000;

    /// <summary>The most recent requests (at most <see cref="MaxRecordedRequests"/>), oldest first.</summary>
    public List<SimulatedRequest> Requests { get; } = [];

    public SimulatorCounters.Tally Counters { get; } = new();

    /// <summary>The organization's state, created on first use (with a configured installation id if one is given).</summary>
    public OrgState Org(string organization)
    {
        if (_orgs.TryGetValue(organization, out var org))
        {
            return org;
        }

        var configured = Settings.FindOrganization(organization);
        var installationId = configured?.InstallationId ?? _nextInstallationId++;
        org = new OrgState(configured?.Name?.Trim() ?? organization, installationId, 9_000_000 + _orgs.Count + 1);
        org.Groups.Add(1, new GroupState(1, "Default", "all", true));
        _orgs.Add(organization, org);
        Installations[installationId] = org.Name;
        return org;
    }

    public long NextGroupId() => _nextGroupId++;

    public RunnerState NewRunner(string name, IEnumerable<string> customLabels, long groupId, bool ephemeral, DateTimeOffset now, DateTimeOffset onlineAt)
    {
        var labels = new List<SimulatedRunnerLabel>
        {
            new(_nextLabelId++, "self-hosted", true),
            new(_nextLabelId++, Settings.Simulator.OsLabel, true),
            new(_nextLabelId++, Settings.Simulator.ArchitectureLabel, true),
        };
        labels.AddRange(CustomLabels(customLabels, labels));
        return new RunnerState(_nextRunnerId++, name, labels, groupId, ephemeral, now, onlineAt);
    }

    /// <summary>New custom labels for <paramref name="names"/>, skipping blanks and names already in <paramref name="existing"/>.</summary>
    public IEnumerable<SimulatedRunnerLabel> CustomLabels(IEnumerable<string> names, List<SimulatedRunnerLabel> existing)
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

    /// <summary>The runner as GitHub's "Self hosted runners" schema.</summary>
    public SelfHostedRunnerDto ToDto(RunnerState runner)
    {
        var status = Status(runner);
        return new SelfHostedRunnerDto(
            runner.Id,
            runner.Name,
            Settings.Simulator.Os,
            status,
            runner.Busy,
            [.. runner.Labels.Select(l => new RunnerLabelDto(l.Name) { Id = l.Id, Type = l.ReadOnly ? "read-only" : "custom" })])
        {
            RunnerGroupId = runner.GroupId,
            Ephemeral = runner.Ephemeral,
            Version = status == "online" || runner.Busy ? GitHubSimulator.SimulatedRunnerVersion : null,
        };
    }

    public SimulatedRunner Snapshot(OrgState org, RunnerState runner) =>
        new(org.Name, runner.Id, runner.Name, Status(runner), runner.Busy, [.. runner.Labels], runner.GroupId, runner.Ephemeral, runner.CreatedAt);

    /// <summary>The request path relative to the API base (GHES: without <c>/api/v3</c>).</summary>
    public string RelativePath(Uri uri)
    {
        var path = uri.AbsolutePath;
        return _basePath.Length > 0 && path.StartsWith(_basePath + "/", StringComparison.OrdinalIgnoreCase) ? path[_basePath.Length..] : path;
    }

    /// <summary>The API root as the caller sees it (scheme, host and base path), for URLs inside answers.</summary>
    public string Root(Uri uri) => uri.GetLeftPart(UriPartial.Authority) + _basePath;

    /// <summary>Appends <paramref name="request"/> to the log, keeping only whether it was authenticated.</summary>
    public void Record(HttpRequestMessage request, string path, string? body)
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

        if (Requests.Count >= MaxRecordedRequests)
        {
            Requests.RemoveRange(0, MaxRecordedRequests / 10);
        }

        Requests.Add(new SimulatedRequest(request.Method.Method, path, request.RequestUri!.Query, body, headers, request.Headers.Authorization is not null));
        Counters.Count();
    }

    public static string RunKey(string owner, string repository, long runId) =>
        $"{owner}/{repository}/{runId.ToString(CultureInfo.InvariantCulture)}";

    public static string RandomToken(int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }

    private string Status(RunnerState runner) =>
        runner.ForcedStatus ?? (runner.Busy || Now >= runner.OnlineAt ? "online" : "offline");
}
