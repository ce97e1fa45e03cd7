namespace RunnerTokens.Application.Runners.Common;

/// <summary>What every provisioning request asks for, JIT or registration token.</summary>
public interface IRunnerRequest
{
    /// <summary>The team's name; may be omitted when the caller belongs to exactly one team.</summary>
    string? Team { get; }

    /// <summary>An exact runner name, or null when <see cref="NamePrefix"/> is given.</summary>
    string? Name { get; }

    /// <summary>A prefix to which the service appends '-' and 8 random lowercase letters and digits.</summary>
    string? NamePrefix { get; }

    IReadOnlyList<string?>? Labels { get; }

    long? RunnerGroupId { get; }
}
