namespace RunnerTokens.Domain.Runners;

/// <summary>How a runner was provisioned.</summary>
public enum RunnerKind
{
    /// <summary>A JIT configuration: labels, group and ephemeral mode are bound by GitHub at creation.</summary>
    Jit,

    /// <summary>A registration token: the machine registers itself with the expected name and labels.</summary>
    RegistrationToken,
}
