namespace RunnerTokens.Domain.Runners;

/// <summary>Why a runner was deleted.</summary>
public enum RunnerDeletionReason
{
    /// <summary>A caller asked for it.</summary>
    Requested,

    /// <summary>Provisioning failed after the name was reserved; nothing lives at GitHub.</summary>
    ProvisioningFailed,

    /// <summary>The runner disappeared at GitHub.</summary>
    RemovedAtGitHub,

    /// <summary>An ephemeral runner ran its job and GitHub removed it.</summary>
    EphemeralFinished,

    /// <summary>Never came online within the pending timeout.</summary>
    NeverRegistered,

    /// <summary>Offline longer than the offline timeout.</summary>
    OfflineTooLong,

    /// <summary>Its labels at GitHub no longer match what the policy admitted.</summary>
    LabelDrift,

    /// <summary>GitHub shows it in another runner group than the one admitted.</summary>
    GroupDrift,

    /// <summary>GitHub shows it ephemeral when it was admitted persistent, or the reverse.</summary>
    EphemeralDrift,
}
