namespace RunnerTokens.GitHub.Simulator;

// The simulator's mutable records, owned by SimulatorState and only touched under its gate.

/// <summary>One organization: its installation, runners and runner groups.</summary>
internal sealed class OrgState(string name, long installationId, long accountId)
{
    public string Name { get; } = name;

    public long InstallationId { get; } = installationId;

    public long AccountId { get; } = accountId;

    public SortedDictionary<long, RunnerState> Runners { get; } = [];

    public SortedDictionary<long, GroupState> Groups { get; } = [];
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
