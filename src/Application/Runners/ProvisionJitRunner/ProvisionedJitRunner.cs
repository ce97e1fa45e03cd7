using RunnerTokens.Application.Runners.Common;

namespace RunnerTokens.Application.Runners.ProvisionJitRunner;

/// <summary>A JIT runner and its configuration. <see cref="EncodedJitConfig"/> is a secret returned once.</summary>
public sealed record ProvisionedJitRunner(RunnerDto Runner, string EncodedJitConfig)
{
    public override string ToString() => $"ProvisionedJitRunner {{ Runner = {Runner.Id}, EncodedJitConfig = *** }}";
}
