using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RunnerTokens.Infrastructure.Audit;

/// <summary>Start-up validation of the chain keys: without a usable key the host refuses to start, naming the setting.</summary>
internal sealed class AuditChainOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuditChainOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditChainOptions options)
    {
        var errors = new List<string>();
        AuditChainKeys.TryBuild(options, environment, errors, out _);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
