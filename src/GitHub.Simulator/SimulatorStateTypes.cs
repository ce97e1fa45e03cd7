namespace RunnerTokens.GitHub.Simulator;

// The simulator's mutable records, owned by SimulatorState and only touched under its gate.

/// <summary>One organization: its installation, runners and runner groups.</summary>
internal sealed class OrgState(string name, long installationId, long accountId)
{
    public string Name { get; } = name;

    public long InstallationId { get; } = installationId;

    public long AccountId { get; } = accountId;

    private readonly SortedDictionary<long, RunnerState> _runners = [];

    // How many runners carry each name (case-insensitive, as GitHub compares them): a generate-jitconfig checks the
    // name without scanning an organization that long benches and soaks fill with thousands of runners.
    private readonly Dictionary<string, int> _names = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The runners by id; change them through <see cref="Add"/> and <see cref="Remove"/> only.</summary>
    public IReadOnlyDictionary<long, RunnerState> Runners => _runners;

    public SortedDictionary<long, GroupState> Groups { get; } = [];

    public void Add(RunnerState runner)
    {
        _runners.Add(runner.Id, runner);
        _names[runner.Name] = _names.GetValueOrDefault(runner.Name) + 1;
    }

    public bool Remove(long runnerId)
    {
        if (!_runners.Remove(runnerId, out var runner))
        {
            return false;
        }

        if (--_names[runner.Name] == 0)
        {
            _names.Remove(runner.Name);
        }

        return true;
    }

    public bool HasRunnerNamed(string name) => _names.ContainsKey(name);
}

/// <summary>One registered runner.</summary>
internal sealed class RunnerState(long id, string name, List<SimulatedRunnerLabel> labels, long groupId, bool ephemeral, DateTimeOffset createdAt, DateTimeOffset onlineAt)
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

internal sealed record GroupState(long Id, string Name, string Visibility, bool IsDefault);

internal sealed record TokenState(string Value, long InstallationId, DateTimeOffset ExpiresAt, HashSet<string> Permissions);

internal sealed record RateState(int Limit, int Remaining, DateTimeOffset ResetAt);
