namespace RunnerTokens.Domain.Runners;

/// <summary>What the service believes about a runner.</summary>
public enum RunnerStatus
{
    /// <summary>Name and quota slot reserved; the GitHub call is in flight. Never held across a commit for long.</summary>
    Provisioning,

    /// <summary>Created (or token issued) but not yet seen online at GitHub.</summary>
    Pending,
    Idle,
    Busy,
    Offline,

    /// <summary>Gone: deleted by a caller, by the sync, or finished (ephemeral). Kept as history.</summary>
    Deleted,
}
