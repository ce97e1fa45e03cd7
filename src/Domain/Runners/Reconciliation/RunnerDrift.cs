namespace RunnerTokens.Domain.Runners.Reconciliation;

/// <summary>How a runner at GitHub differs from what its policy admitted (none, or any combination).</summary>
[Flags]
public enum RunnerDrift
{
    None = 0,

    /// <summary>The custom labels, as a case-insensitive set, differ from the admitted labels.</summary>
    Labels = 1,

    /// <summary>GitHub reports another runner group than the admitted one.</summary>
    RunnerGroup = 2,

    /// <summary>GitHub reports the runner ephemeral when it was admitted persistent, or the reverse.</summary>
    Ephemeral = 4,
}
