using RunnerTokens.Domain.Runners;

namespace RunnerTokens.Api.Contracts.Runners;

/// <summary>A provisioned JIT runner. <see cref="EncodedJitConfig"/> is returned once and never stored: keep it secret.</summary>
public sealed record JitRunnerResponse(
    Guid Id,
    string Name,
    string Team,
    string Organization,
    long? GitHubRunnerId,
    IReadOnlyList<string> Labels,
    long RunnerGroupId,
    bool Ephemeral,
    RunnerStatus Status,
    string EncodedJitConfig,
    string RunCommand,
    DateTimeOffset CreatedAt)
{
    /// <summary>Keeps the secret (in <see cref="EncodedJitConfig"/> and <see cref="RunCommand"/>) out of logs and debugger displays.</summary>
    public override string ToString() => $"JitRunnerResponse {{ Id = {Id}, Name = {Name}, Team = {Team}, EncodedJitConfig = ***, RunCommand = *** }}";
}
