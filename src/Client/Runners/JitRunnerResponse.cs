namespace RunnerTokens.Client;

/// <summary>A provisioned JIT runner: start it with <see cref="RunCommand"/> (or <see cref="RunArguments"/>).</summary>
public partial class JitRunnerResponse
{
    /// <summary>
    /// The arguments of the runner's <c>run.sh</c> (<c>run.cmd</c> on Windows) that start this runner:
    /// <c>--jitconfig &lt;encoded config&gt;</c>. The config is a secret returned once: pass it, never log it.
    /// </summary>
    public IReadOnlyList<string> RunArguments => ["--jitconfig", EncodedJitConfig];

    /// <summary>Keeps the secret (<see cref="EncodedJitConfig"/>, <see cref="RunCommand"/>) out of logs and debugger displays.</summary>
    public override string ToString() =>
        $"JitRunnerResponse {{ Id = {Id}, Name = {Name}, Team = {Team}, Status = {Status}, EncodedJitConfig = ***, RunCommand = *** }}";
}
