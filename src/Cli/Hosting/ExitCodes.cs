namespace RunnerTokens.Cli.Hosting;

/// <summary>The exit codes of <c>runnertokens</c> (docs/cli.md): scripts branch on them.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The command ran and the answer is no: <c>audit verify</c> found a broken chain.</summary>
    public const int CheckFailed = 1;

    /// <summary>The command line is wrong, or there is no service URL or token to use: nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The service refused: a 4xx problem (policy, quota, validation, permission, not found, conflict), or
    /// <c>policy evaluate</c> found the labels not admitted. Retrying the same request will not help.</summary>
    public const int Refused = 3;

    /// <summary>It failed: the service or GitHub is unavailable (5xx, 429, time-out) or the network is down. Retry later.</summary>
    public const int Failed = 4;
}
