namespace RunnerTokens.Infrastructure.GitHub.Options;

/// <summary><c>GitHub:Simulator</c>: how the in-memory GitHub behaves.</summary>
public sealed class GitHubSimulatorOptions
{
    /// <summary>How long after generate-jitconfig a runner stays offline before it comes online.</summary>
    public TimeSpan RunnerOnlineDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The <c>os</c> GitHub reports for simulated runners.</summary>
    public string Os { get; set; } = "linux";

    /// <summary>The OS read-only label.</summary>
    public string OsLabel { get; set; } = "Linux";

    /// <summary>The architecture read-only label.</summary>
    public string ArchitectureLabel { get; set; } = "X64";

    /// <summary>Requests per hour per installation, reported in <c>x-ratelimit-limit</c>.</summary>
    public int RateLimit { get; set; } = 5000;
}
